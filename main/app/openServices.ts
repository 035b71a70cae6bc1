import { composeServices, type AppServices } from './composeServices';
import type { ServiceOptions } from './serviceOptions';

/**
 * The services for the doors people wait on (the CLI, `serve`, the desktop app): the data and the inventory now,
 * the machine features (SSH, drivers, power, BMC, VMs, consoles, metrics, and their schemas) loaded and built
 * with the first command that needs one. `labvisor hosts list` and the hosts page's first paint never load them.
 */
export function openServices(opts: ServiceOptions): AppServices {
  return composeServices(opts, { later: async () => (await import('./machineServices')).createMachines });
}

/**
 * Starts metric collection (pruning history, one sampler per host), which loads the machine features, a moment
 * after the door opens: right after `listen` it would compile and build them while the first page's files and
 * first calls are waiting on this one thread. A command that needs a machine feature sooner loads it then.
 * Returns a cancel for a door that closes before then.
 */
export function startMetricsSoon(services: AppServices, delayMs = 1_000): () => void {
  const timer = setTimeout(
    () =>
      void services.loadMachines().then(
        ({ metrics }) => metrics.start(),
        (error: unknown) => services.log.error('metrics did not start', { error: String(error) }),
      ),
    delayMs,
  );
  return () => clearTimeout(timer);
}
