import type { CliCommand } from '../cliTypes';
import { consoleCommand } from './console/serialCommand';
import { vncCommand } from './console/vncCommand';

/** `labvisor vnc` (a screen as PNG) and `labvisor console` (a VM's serial console). */
export const consoleCommands: CliCommand[] = [vncCommand, consoleCommand];
