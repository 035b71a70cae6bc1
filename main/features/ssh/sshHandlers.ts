import type { Handlers } from '../../../common/contract';
import type { sshCommands } from '../../../common/contract/ssh';
import type { AppServices } from '../../app/services';

export function sshHandlers(_s: AppServices): Handlers<typeof sshCommands> {
  return {};
}
