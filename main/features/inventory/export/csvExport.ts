import { primaryAddress, type Host } from '../../../../common/domain/host';
import { toCsv, type CsvValue } from '../../../../common/text/csv';
import { nameLookup } from './hostReferences';

/** The importer's own field names, so a re-import maps every column without help. */
const COLUMNS = [
  'layer',
  'address',
  'name',
  'cpus',
  'memoryGiB',
  'diskGiB',
  'numa',
  'notes',
  'kind',
  'parent',
  'cluster',
  'role',
  'index',
  'arch',
  'tags',
  'sshUser',
  'sshPort',
  'jumpHost',
  'bmcType',
  'bmcAddress',
  'bmcUser',
] as const;

/**
 * The lab sheet's layout (layer, address, name, hardware, notes first) plus every column the importer reads.
 * Aliases follow their host as rows that share its address and have no hardware, as the sheet writes them.
 */
export function exportCsv(hosts: readonly Host[]): string {
  const nameOf = nameLookup(hosts);
  const rows: CsvValue[][] = [];
  for (const h of hosts) {
    const address = primaryAddress(h) ?? '';
    const disk = h.diskGiB === null ? '' : `${h.diskGiB}${h.diskType ?? ''}`;
    const cells: Record<(typeof COLUMNS)[number], string | number | null> = {
      layer: h.layer,
      address,
      name: h.name,
      cpus: h.cpus,
      memoryGiB: h.memoryGiB,
      diskGiB: disk,
      numa: h.numa,
      notes: h.notes,
      kind: h.kind,
      parent: nameOf(h.parentId),
      cluster: h.cluster,
      role: h.role,
      index: h.index,
      arch: h.arch,
      tags: h.tags.join(' '),
      sshUser: h.ssh.user,
      sshPort: h.ssh.port,
      jumpHost: nameOf(h.ssh.jumpHostId),
      bmcType: h.bmc?.type ?? null,
      bmcAddress: h.bmc?.address ?? null,
      bmcUser: h.bmc?.user ?? null,
    };
    rows.push(COLUMNS.map((c) => cells[c]));
    for (const alias of h.aliases) {
      const row: Record<string, string | number | null> = {
        layer: h.layer,
        address,
        name: alias.name,
        notes: alias.note,
      };
      rows.push(COLUMNS.map((c) => row[c] ?? null));
    }
  }
  return toCsv(COLUMNS, rows);
}
