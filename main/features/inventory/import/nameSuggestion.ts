import type { ParsedName } from '../../../../common/domain/naming';
import type { DraftValues } from './importDraft';

const OOB_NAME = /[-_.](?:ilo|bmc|ipmi|idrac|oob)\d*$/i;
// Notes only mark a row as the controller itself when they say "out-of-band": a server noted "iLO 4" or "has a
// BMC" is still the server.
const OOB_NOTE = /带外|out-of-band|\boob\b/i;

/** Out-of-band controllers (`dl360-ilo`, "HP DL360 Gen9带外管理") are devices, not servers. */
export function isOutOfBand(name: string, notes: string | undefined): boolean {
  return OOB_NAME.test(name) || OOB_NOTE.test(notes ?? '');
}

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
