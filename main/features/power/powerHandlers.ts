import type { Handlers } from '../../../common/contract';
import type { powerCommands } from '../../../common/contract/power';
import type { AppServices } from '../../app/services';

export function powerHandlers(_s: AppServices): Handlers<typeof powerCommands> {
  return {};
}
