import type { Handlers } from '../../../common/contract';
import type { auditCommands } from '../../../common/contract/audit';
import type { AuditLog } from './auditLog';

export function auditHandlers(s: { audit: Pick<AuditLog, 'list' | 'verify'> }): Handlers<typeof auditCommands> {
  return {
    'audit.list': (input) => s.audit.list(input),
    'audit.verify': () => s.audit.verify(),
  };
}
