import type { CliCommand } from './cliTypes';
import { serveCommand } from './commands/serveCommand';
import { auditCommand } from './commands/auditCommand';
import { hostsAddCommand, hostsListCommand, hostsRmCommand } from './commands/hostsCommands';
import { sshCommand } from './commands/sshCommand';
import {
  hostkeysImportCommand,
  hostkeysListCommand,
  hostkeysReplaceCommand,
  hostkeysTrustCommand,
} from './commands/hostkeysCommand';
import { secretClearCommand, secretSetCommand } from './commands/secretCommand';
import { forwardCommand } from './commands/forwardCommand';
import { importCommand } from './commands/importCommand';
import { exportCommand } from './commands/exportCommand';
import { powerCommands } from './commands/powerCommand';
import { bmcCommands } from './commands/bmcCommand';
import { solCommand } from './commands/solCommand';

/** Every CLI command; each feature adds its own module here. */
export const cliCommands: CliCommand[] = [
  serveCommand,
  hostsListCommand,
  hostsAddCommand,
  hostsRmCommand,
  auditCommand,
  sshCommand,
  hostkeysListCommand,
  hostkeysTrustCommand,
  hostkeysReplaceCommand,
  hostkeysImportCommand,
  secretSetCommand,
  secretClearCommand,
  forwardCommand,
  importCommand,
  exportCommand,
  ...powerCommands,
  ...bmcCommands,
  solCommand,
];
