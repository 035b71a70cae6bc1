import type { CliCommand } from './cliTypes';
import { serveCommand } from './commands/appCommand';
import { auditCommand } from './commands/auditCommand';
import { bmcCommands } from './commands/bmcCommand';
import { inventoryCommands } from './commands/inventoryCommand';
import { metricsCommands } from './commands/metricsCommand';
import { powerCommands } from './commands/powerCommand';
import { sshCommands } from './commands/sshCommand';
import { virtCommands } from './commands/virtCommand';
import { consoleCommands } from './commands/consoleCommand';

/** Every CLI command, by feature (`commands/<feature>Command.ts`; a feature's sub-commands in `commands/<feature>/`). */
export const cliCommands: CliCommand[] = [
  serveCommand,
  ...inventoryCommands,
  auditCommand,
  ...sshCommands,
  ...powerCommands,
  ...bmcCommands,
  ...virtCommands,
  ...metricsCommands,
  ...consoleCommands,
];
