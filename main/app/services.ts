import { composeServices, type AppServices } from './composeServices';
import { createMachines } from './machineServices';
import type { ServiceOptions } from './serviceOptions';

export type { AppServices } from './composeServices';
export type { ServiceOptions } from './serviceOptions';

/**
 * Every service built at once, so each property is usable right away (tests, benchmarks). The CLI, `serve` and
 * the desktop app use `openServices`, which loads the machine features on first use.
 */
export function createServices(opts: ServiceOptions): AppServices {
  return composeServices(opts, { now: createMachines });
}
