import type { ParsedName } from '../../../../common/domain/naming';
import type { DraftValues } from './importDraft';
import { isOutOfBand } from './oobWords';

export interface Suggestion {
  values: Partial<DraftValues>;
  parentName: string | null;
}

/**
 * What the naming convention says about a host the file leaves open. A stated layer wins over the name's, and
 * then the name's parent and grouping are only used when they agree with it.
 */
export function suggestFromName(name: string, stated: Partial<DraftValues>, parsed: ParsedName): Suggestion {
  const oob = isOutOfBand(name, stated.notes);
  const layer = stated.layer ?? parsed.layer;
  const values: Partial<DraftValues> = { layer, kind: oob ? 'device' : layer > 0 ? 'vm' : 'physical' };
  const fits = layer === parsed.layer;
  if (fits && parsed.cluster !== null) values.cluster = parsed.cluster;
  if (fits && parsed.role !== null) values.role = parsed.role;
  if (fits && parsed.index !== null) values.index = parsed.index;
  if (oob) values.role = 'bmc';
  return { values, parentName: fits && !oob ? parsed.parentName : null };
}
