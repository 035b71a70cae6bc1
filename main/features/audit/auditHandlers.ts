import type { Handlers } from '../../../common/contract';
import type { auditCommands } from '../../../common/contract/audit';
import type { AppServices } from '../../app/services';

export function auditHandlers(s: Pick<AppServices, 'audit'>): Handlers<typeof auditCommands> {
  return {
    'audit.list': (input) => s.audit.list(input),
  };
}
