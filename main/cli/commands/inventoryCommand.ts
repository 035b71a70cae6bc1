import type { CliCommand } from '../cliTypes';
import { exportCommand } from './inventory/exportCommand';
import { hostsAddCommand, hostsListCommand, hostsRmCommand } from './inventory/hostsCommands';
import { importCommand } from './inventory/importCommand';

/** The inventory feature's commands: `hosts list|add|rm`, `import`, `export`. */
export const inventoryCommands: CliCommand[] = [
  hostsListCommand,
  hostsAddCommand,
  hostsRmCommand,
  importCommand,
  exportCommand,
];
