import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/log';
import type { BmcService } from '../../features/bmc/bmcService';
import type { SshService } from '../../features/ssh/sshService';
import type { PowerService } from '../../features/power/powerService';
import { CertificatePins } from './certificatePins';
import { connectThroughJump } from './jumpConnect';
import { redfishBmcReader } from './redfishBmcReader';
import { redfishDriverFactory } from './redfishDriverFactory';
import type { RedfishDeps, SecretSource } from './redfishEndpoint';

export interface RedfishWiring {
  db: Db;
  vault: SecretSource;
  log: Logger;
  ssh: Pick<SshService, 'lease'>;
}

export function redfishDepsOf(w: RedfishWiring): RedfishDeps {
  return {
    pins: new CertificatePins(w.db),
    vault: w.vault,
    connectVia: (jumpHostId) => connectThroughJump(w.ssh, jumpHostId),
    log: w.log,
  };
}

/** Plugs Redfish into the power and BMC features; returns the teardown (pending identify timers). */
export function registerRedfish(
  w: RedfishWiring & { power: Pick<PowerService, 'registerDriver'>; bmc: Pick<BmcService, 'registerReader'> },
): () => void {
  const deps = redfishDepsOf(w);
  const drivers = redfishDriverFactory(deps);
  w.power.registerDriver('redfish', (host) => drivers.driverFor(host));
  w.bmc.registerReader('redfish', (host) => redfishBmcReader(host, deps));
  return () => drivers.close();
}
