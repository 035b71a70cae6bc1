import type { Handlers } from '../../../common/contract';
import type { bmcCommands } from '../../../common/contract/bmc';
import { AppError } from '../../../common/result';
import type { AppServices } from '../../app/services';

const pending = () => {
  throw new AppError('unsupported', 'BMC commands are being implemented');
};

export function bmcHandlers(_s: AppServices): Handlers<typeof bmcCommands> {
  return {
    'bmc.health': pending,
    'bmc.sensors': pending,
    'bmc.sel': pending,
    'bmc.clearSel': pending,
    'bmc.info': pending,
    'bmc.watch': pending,
    'bmc.unwatch': pending,
    'bmc.openSol': pending,
    'bmc.deactivateSol': pending,
  };
}
