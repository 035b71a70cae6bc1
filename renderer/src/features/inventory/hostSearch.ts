import type { Host } from '../../../../common/domain/host';
import { primaryAddress } from '../../../../common/domain/hostValues';

/** One host with the lower-cased text the filter searches, computed once per inventory load. */
export interface IndexedHost {
  host: Host;
  haystack: string;
  address: string;
}

export function indexHosts(hosts: readonly Host[]): IndexedHost[] {
  return hosts.map((host) => ({
    host,
    address: primaryAddress(host) ?? '',
    haystack: [
      host.name,
      ...host.aliases.map((a) => a.name),
      ...host.addresses.map((a) => a.address),
      host.notes,
      host.cluster ?? '',
      host.role ?? '',
      ...host.tags,
    ]
      .join('\u0000')
      .toLowerCase(),
  }));
}

/** Every whitespace-separated term must occur somewhere in the host's name, aliases, addresses, notes, cluster, role or tags. */
export function filterHosts(index: readonly IndexedHost[], query: string): IndexedHost[] {
  const terms = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return index as IndexedHost[];
  return index.filter((h) => terms.every((t) => h.haystack.includes(t)));
}

/**
 * `filterHosts`, but when the query only grew since the last call over the same hosts ("o7k" → "o7k-m"), it
 * scans the last answer instead of every host: a host matching the longer query matches the shorter one (each
 * term either stays, grows or is new). Anything else scans them all.
 */
export function createNarrowingFilter() {
  let last: { index: readonly IndexedHost[]; query: string; rows: IndexedHost[] } | null = null;
  return (index: readonly IndexedHost[], query: string): IndexedHost[] => {
    const lower = query.toLowerCase();
    const from = last && last.index === index && lower.startsWith(last.query) ? last.rows : index;
    const rows = filterHosts(from, lower);
    last = { index, query: lower, rows };
    return rows;
  };
}

const idsByRows = new WeakMap<readonly IndexedHost[], readonly number[]>();

/**
 * The hosts' ids in row order (for selection ranges and keyboard moves), built once per row list and only when
 * asked: a keystroke in the filter renders a screenful of rows and must not also pay for an array of every match.
 */
export function idsOf(rows: readonly IndexedHost[]): readonly number[] {
  let ids = idsByRows.get(rows);
  if (!ids) idsByRows.set(rows, (ids = rows.map((r) => r.host.id)));
  return ids;
}
