import type { CliCommand } from './cliTypes';
import { serveCommand } from './commands/serveCommand';
import { auditCommand } from './commands/auditCommand';
import { hostsAddCommand, hostsListCommand, hostsRmCommand } from './commands/hostsCommands';

/** Every CLI command; each feature adds its own module here. */
export const cliCommands: CliCommand[] = [
  serveCommand,
  hostsListCommand,
  hostsAddCommand,
  hostsRmCommand,
  auditCommand,
];
