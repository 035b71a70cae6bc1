import type { Host } from '../../../common/domain/host';
import type { PowerDriver } from '../powerDriver';
import type { RedfishDeps } from './redfishEndpoint';
import { RedfishPowerDriver, type RedfishDriverOptions } from './redfishPowerDriver';
import { RedfishSessions } from './redfishSessions';

export interface RedfishDriverFactory {
  driverFor(host: Host): PowerDriver;
  /** The kept session per BMC, shared with the BMC reader. */
  sessions: RedfishSessions;
  /** Cancels pending identify-LED timers and logs every session out (at shutdown). */
  close(): Promise<void>;
}

/**
 * Builds Redfish power drivers. "Identify for N seconds" is a timer here, not in the driver: the power service
 * closes a driver as soon as the call returns, so the timer turns the LED off later over a fresh connection.
 * A newer identify on the same host replaces its pending timer.
 */
export function redfishDriverFactory(deps: RedfishDeps, opts: RedfishDriverOptions = {}): RedfishDriverFactory {
  const ledTimers = new Map<number, NodeJS.Timeout>();
  const sessions = new RedfishSessions(deps);
  const keepSession = () => Promise.resolve();
  const driverFor = (host: Host): RedfishPowerDriver =>
    new RedfishPowerDriver(
      sessions.clientFor(host),
      opts,
      (afterMs) => {
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
      },
      keepSession,
    );
  return {
    driverFor,
    sessions,
    close() {
      for (const timer of ledTimers.values()) clearTimeout(timer);
      ledTimers.clear();
      return sessions.close();
    },
  };
}
