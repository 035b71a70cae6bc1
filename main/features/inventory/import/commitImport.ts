import { AppError } from '../../../../common/result';
import type { NamingRules } from '../../../../common/domain/naming';
import type { ImportResult, ImportRow } from '../../../../common/contract/inventory';
import type { HostRepo } from '../hostRepo';

export interface CommitContext {
  repo: HostRepo;
  rules: NamingRules;
}

/** Writes rows in one transaction: all or nothing. (Placeholder until the importers land.) */
export function commitImport(_rows: ImportRow[], _ctx: CommitContext): ImportResult {
  throw new AppError('unsupported', 'import is not implemented yet');
}
