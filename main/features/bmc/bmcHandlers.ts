import type { Handlers } from '../../../common/contract';
import type { bmcCommands } from '../../../common/contract/bmc';
import type { AppServices } from '../../app/services';
import { clearBmcPassword, setBmcPassword } from './bmcPassword';

export function bmcHandlers({
  bmc,
  bmcPoller,
  power,
  inventory,
  vault,
  audit,
}: Pick<AppServices, 'bmc' | 'bmcPoller' | 'power' | 'inventory' | 'vault' | 'audit'>): Handlers<typeof bmcCommands> {
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
        power.hosts(targets).map((h) => h.id),
        intervalSec,
        watchId,
      ),
    'bmc.unwatch': ({ watchId }) => ({ stopped: bmcPoller.unwatch(watchId) }),
    'bmc.openSol': async ({ host, force }, ctx) => ({ streamId: await bmc.openSol(host, force, ctx.door) }),
    'bmc.deactivateSol': ({ host }, ctx) => bmc.deactivateSol(host, ctx.door),
  };
}
