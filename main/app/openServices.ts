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
