import type { Handlers } from '../../../common/contract';
import type { redfishCommands } from '../../../common/contract/redfish';
import type { AppServices } from '../../app/services';
import { RedfishCertificates } from './redfishCertificates';
import { redfishDepsOf } from './registerRedfish';

export function redfishHandlers(s: AppServices): Handlers<typeof redfishCommands> {
  const deps = redfishDepsOf(s);
  const certificates = new RedfishCertificates(deps, s.audit);
  return {
    'redfish.inspectCertificate': ({ hostId }) => certificates.inspect(s.inventory.get(hostId)),
    'redfish.listCertificates': () => deps.pins.list(),
    'redfish.trustCertificate': ({ hostId, fingerprint }, ctx) =>
      certificates.trust(s.inventory.get(hostId), fingerprint, false, ctx.door),
    'redfish.replaceCertificate': ({ hostId, fingerprint }, ctx) =>
      certificates.trust(s.inventory.get(hostId), fingerprint, true, ctx.door),
  };
}
