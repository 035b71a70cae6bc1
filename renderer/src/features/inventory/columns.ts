import type { Host } from '../../../../common/domain/host';
import type { IndexedHost } from './hostSearch';

type SortDir = 'asc' | 'desc';
export interface SortState {
  column: ColumnId;
  dir: SortDir;
}

export interface ColumnDef {
  id: string;
  labelKey: string;
  /** Width in px; the name column also takes what is left. */
  width: number;
  numeric?: boolean;
  text: (h: IndexedHost, nameOf: (id: number | null) => string) => string;
  sortValue?: (h: IndexedHost, nameOf: (id: number | null) => string) => string | number | null;
}

const num = (v: number | null) => (v === null ? '' : String(v));
const sshText = (host: Host, nameOf: (id: number | null) => string) => {
  const { user, port, jumpHostId } = host.ssh;
  const target = `${user ? `${user}@` : ''}${port ? `:${port}` : ''}`;
  return [target, jumpHostId ? `via ${nameOf(jumpHostId)}` : ''].filter(Boolean).join(' ');
};

export const COLUMNS = [
  // Wide enough for a VM's state badge, up/down and two sparklines in front of the name.
  { id: 'name', labelKey: 'inventory.col.name', width: 300, text: (h) => h.host.name },
  {
    id: 'address',
    labelKey: 'inventory.col.address',
    width: 130,
    text: (h) => h.address,
    sortValue: (h) => ipSortKey(h.address),
  },
  {
    id: 'layer',
    labelKey: 'inventory.col.layer',
    width: 56,
    numeric: true,
    text: (h) => String(h.host.layer),
    sortValue: (h) => h.host.layer,
  },
  { id: 'kind', labelKey: 'inventory.col.kind', width: 84, text: (h) => h.host.kind },
  { id: 'parent', labelKey: 'inventory.col.parent', width: 120, text: (h, nameOf) => nameOf(h.host.parentId) },
  { id: 'cluster', labelKey: 'inventory.col.cluster', width: 110, text: (h) => h.host.cluster ?? '' },
  { id: 'role', labelKey: 'inventory.col.role', width: 90, text: (h) => h.host.role ?? '' },
  {
    id: 'cpus',
    labelKey: 'inventory.col.cpus',
    width: 56,
    numeric: true,
    text: (h) => num(h.host.cpus),
    sortValue: (h) => h.host.cpus,
  },
  {
    id: 'memoryGiB',
    labelKey: 'inventory.col.memory',
    width: 72,
    numeric: true,
    text: (h) => num(h.host.memoryGiB),
    sortValue: (h) => h.host.memoryGiB,
  },
  {
    id: 'diskGiB',
    labelKey: 'inventory.col.disk',
    width: 90,
    numeric: true,
    text: (h) => `${num(h.host.diskGiB)}${h.host.diskType ? ` ${h.host.diskType}` : ''}`,
    sortValue: (h) => h.host.diskGiB,
  },
  { id: 'numa', labelKey: 'inventory.col.numa', width: 100, text: (h) => h.host.numa ?? '' },
  { id: 'arch', labelKey: 'inventory.col.arch', width: 70, text: (h) => h.host.arch ?? '' },
  { id: 'ssh', labelKey: 'inventory.col.ssh', width: 140, text: (h, nameOf) => sshText(h.host, nameOf) },
  {
    id: 'bmc',
    labelKey: 'inventory.col.bmc',
    width: 140,
    text: (h) => (h.host.bmc ? `${h.host.bmc.type} ${h.host.bmc.address}` : ''),
  },
  {
    id: 'aliases',
    labelKey: 'inventory.col.aliases',
    width: 120,
    text: (h) => h.host.aliases.map((a) => a.name).join(', '),
  },
  { id: 'tags', labelKey: 'inventory.col.tags', width: 120, text: (h) => h.host.tags.join(', ') },
  { id: 'notes', labelKey: 'inventory.col.notes', width: 240, text: (h) => h.host.notes.split('\n', 1)[0] ?? '' },
  {
    id: 'updatedAt',
    labelKey: 'inventory.col.updated',
    width: 140,
    text: (h) => h.host.updatedAt.slice(0, 16).replace('T', ' '),
  },
] as const satisfies readonly ColumnDef[];

export type ColumnId = (typeof COLUMNS)[number]['id'];

export const DEFAULT_COLUMNS: readonly ColumnId[] = [
  'name',
  'address',
  'layer',
  'kind',
  'parent',
  'cluster',
  'role',
  'cpus',
  'memoryGiB',
  'diskGiB',
  'tags',
  'notes',
];

export function columnById(id: ColumnId): ColumnDef {
  return COLUMNS.find((c) => c.id === id)!;
}

/** 192.168.6.51 sorts before 192.168.6.200: pad each octet. Non-IPv4 text sorts as itself. */
function ipSortKey(address: string): string {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  return m
    ? m
        .slice(1)
        .map((o) => o.padStart(3, '0'))
        .join('.')
    : address;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Sorts once per change of data or sort column (keys computed once per row, not per comparison). */
export function sortHosts(
  rows: readonly IndexedHost[],
  sort: SortState,
  nameOf: (id: number | null) => string,
): IndexedHost[] {
  const col = columnById(sort.column);
  const key = col.sortValue ?? col.text;
  const keyed = rows.map((h) => ({ h, k: key(h, nameOf) }));
  const sign = sort.dir === 'asc' ? 1 : -1;
  keyed.sort((a, b) => {
    // Empty values go last whichever way the column is sorted.
    const ea = a.k === null || a.k === '';
    const eb = b.k === null || b.k === '';
    if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1;
    const c =
      typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : collator.compare(String(a.k), String(b.k));
    return c === 0 ? collator.compare(a.h.host.name, b.h.host.name) : sign * c;
  });
  return keyed.map((x) => x.h);
}
