import type { Handlers } from '../../../common/contract';
import type { powerCommands } from '../../../common/contract/power';
import { AppError } from '../../../common/result';
import type { AppServices } from '../../app/services';

const pending = () => {
  throw new AppError('unsupported', 'power commands are being implemented');
};

export function powerHandlers(_s: AppServices): Handlers<typeof powerCommands> {
  return {
    'power.resolve': pending,
    'power.status': pending,
    'power.set': pending,
    'power.bootDevice': pending,
    'power.identify': pending,
    'power.listSequences': pending,
    'power.saveSequence': pending,
    'power.deleteSequence': pending,
    'power.runSequence': pending,
  };
}
