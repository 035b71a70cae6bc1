import type { Driver, DriverContext } from '../driver';
import { CertificatePins } from './certificatePins';
import { connectThroughJump } from './jumpConnect';
import { redfishBmcReader } from './redfishBmcReader';
import { redfishDriverFactory } from './redfishDriverFactory';
import type { RedfishDeps } from './redfishEndpoint';

/** What every Redfish connection needs: certificate pins, the vault, jump hosts through SSH. */
export function redfishDepsOf(ctx: Pick<DriverContext, 'db' | 'vault' | 'log' | 'ssh'>): RedfishDeps {
  return {
    pins: new CertificatePins(ctx.db),
    vault: ctx.vault,
    connectVia: (jumpHostId) => connectThroughJump(ctx.ssh, jumpHostId),
    log: ctx.log,
  };
}

/** Redfish over pinned HTTPS (iLO 4/5, generic DMTF): power, sensors, the event log and BMC identity. */
export function redfishDriver(ctx: DriverContext): Driver {
  const deps = redfishDepsOf(ctx);
  const drivers = redfishDriverFactory(deps);
  return {
    power: (host) => drivers.driverFor(host),
    bmc: (host) => redfishBmcReader(host, drivers.sessions),
    forget: (hostId) => drivers.sessions.forget(hostId),
    close: () => drivers.close(),
  };
}
