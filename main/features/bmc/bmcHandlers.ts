import type { Handlers } from '../../../common/contract';
import type { bmcCommands } from '../../../common/contract/bmc';
import { clearBmcPassword, setBmcPassword, type BmcSecretDeps } from './bmcPassword';
import type { BmcPoller } from './bmcPoller';
import type { BmcService } from './bmcService';
import type { RedfishCertificates } from './redfishCertificates';

export interface BmcHandlerDeps extends BmcSecretDeps {
  bmc: BmcService;
  bmcPoller: BmcPoller;
  certificates: RedfishCertificates;
}

export function bmcHandlers({
  bmc,
  bmcPoller,
  certificates,
  inventory,
  vault,
  audit,
}: BmcHandlerDeps): Handlers<typeof bmcCommands> {
  const secrets = { inventory, vault, audit };
  return {
    'bmc.setPassword': ({ hostId, password }, ctx) => setBmcPassword(secrets, hostId, password, ctx.door),
    'bmc.clearPassword': ({ hostId }, ctx) => clearBmcPassword(secrets, hostId, ctx.door),
    'bmc.health': ({ targets, concurrency }) => bmc.health(targets, concurrency),
    'bmc.sensors': ({ host }) => bmc.sensors(host),
    'bmc.sel': ({ host }) => bmc.sel(host),
    'bmc.clearSel': ({ host, confirm }, ctx) => bmc.clearSel(host, confirm, ctx.door),
    'bmc.info': ({ host }) => bmc.info(host),
    'bmc.watch': ({ targets, intervalSec, watchId }) =>
      bmcPoller.watch(
        bmc.hosts(targets).map((h) => h.id),
        intervalSec,
        watchId,
      ),
    'bmc.unwatch': ({ watchId }) => ({ stopped: bmcPoller.unwatch(watchId) }),
    'bmc.openSol': async ({ host, force }, ctx) => ({ streamId: await bmc.openSol(host, force, ctx.door) }),
    'bmc.deactivateSol': ({ host }, ctx) => bmc.deactivateSol(host, ctx.door),
    'bmc.inspectCertificate': ({ hostId }) => certificates.inspect(inventory.get(hostId)),
    'bmc.listCertificates': () => certificates.list(),
    'bmc.trustCertificate': ({ hostId, fingerprint }, ctx) =>
      certificates.trust(inventory.get(hostId), fingerprint, false, ctx.door),
    'bmc.replaceCertificate': ({ hostId, fingerprint }, ctx) =>
      certificates.trust(inventory.get(hostId), fingerprint, true, ctx.door),
  };
}
