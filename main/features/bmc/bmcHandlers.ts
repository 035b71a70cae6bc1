import type { Handlers } from '../../../common/contract';
import type { bmcCommands } from '../../../common/contract/bmc';
import type { AppServices } from '../../app/services';

export function bmcHandlers(_s: AppServices): Handlers<typeof bmcCommands> {
  return {};
}
