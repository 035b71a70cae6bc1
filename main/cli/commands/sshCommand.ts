import type { CliCommand } from '../cliTypes';
import { forwardCommand } from './ssh/forwardCommand';
import {
  hostkeysImportCommand,
  hostkeysListCommand,
  hostkeysReplaceCommand,
  hostkeysTrustCommand,
} from './ssh/hostkeysCommand';
import { secretClearCommand, secretSetCommand } from './ssh/secretCommand';
import { sshCommand } from './ssh/sshCommand';

/** The ssh feature's commands: `ssh`, `hostkeys list|trust|replace|import`, `secret set|clear`, `forward`. */
export const sshCommands: CliCommand[] = [
  sshCommand,
  hostkeysListCommand,
  hostkeysTrustCommand,
  hostkeysReplaceCommand,
  hostkeysImportCommand,
  secretSetCommand,
  secretClearCommand,
  forwardCommand,
];
