import type { Handlers } from '../../../common/contract';
import type { terminalCommands } from '../../../common/contract/terminal';
import type { AppServices } from '../../app/services';

export function terminalHandlers(_s: AppServices): Handlers<typeof terminalCommands> {
  return {};
}
