import type { Host } from '../../../common/domain/host';
import type { PowerDriver } from '../powerDriver';
import { redfishClientFor, type RedfishDeps } from './redfishEndpoint';
import { RedfishPowerDriver, type RedfishDriverOptions } from './redfishPowerDriver';

export interface RedfishDriverFactory {
  driverFor(host: Host): PowerDriver;
  /** Cancels pending identify-LED timers (at shutdown). */
  close(): void;
}

/**
 * Builds Redfish power drivers. "Identify for N seconds" is a timer here, not in the driver: the power service
 * closes a driver as soon as the call returns, so the timer turns the LED off later over a fresh connection.
 * A newer identify on the same host replaces its pending timer.
 */
export function redfishDriverFactory(deps: RedfishDeps, opts: RedfishDriverOptions = {}): RedfishDriverFactory {
  const ledTimers = new Map<number, NodeJS.Timeout>();
  const driverFor = (host: Host): RedfishPowerDriver =>
    new RedfishPowerDriver(redfishClientFor(host, deps), opts, (afterMs) => {
      clearTimeout(ledTimers.get(host.id));
      ledTimers.delete(host.id);
      if (afterMs === null) return;
      const timer = setTimeout(() => {
        ledTimers.delete(host.id);
        const driver = driverFor(host);
        driver
          .identify(0)
          .catch((error: unknown) =>
            deps.log?.warn('identify LED off failed', { host: host.name, error: String(error) }),
          )
          .finally(() => void driver.close());
      }, afterMs);
      timer.unref();
      ledTimers.set(host.id, timer);
    });
  return {
    driverFor,
    close() {
      for (const timer of ledTimers.values()) clearTimeout(timer);
      ledTimers.clear();
    },
  };
}
