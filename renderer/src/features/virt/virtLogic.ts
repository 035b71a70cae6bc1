import type { VmRow } from '../../../../common/contract/virt';
import type { Host } from '../../../../common/domain/host';

/** Hosts marked as hypervisors (a libvirt URI), in name order. */
export function hypervisorsOf(hosts: readonly Host[]): Host[] {
  return hosts.filter((h) => h.hypervisor?.libvirtUri).sort((a, b) => a.name.localeCompare(b.name));
}

/** A VM host: a domain on its parent hypervisor. */
export function isVm(host: Host): boolean {
  return host.parentId !== null && Boolean(host.hypervisor?.domainUuid || host.hypervisor?.domainName);
}

export function formatMiB(mib: number): string {
  if (mib >= 1024) return `${(mib / 1024).toFixed(mib % 1024 === 0 ? 0 : 1)} GiB`;
  return `${Math.round(mib)} MiB`;
}

export function formatBytes(bytes: number | null): string {
  return bytes === null ? '' : formatMiB(bytes / 1024 ** 2);
}

/** libvirt state → a CSS-safe token (`shut off` → `shut-off`). */
export function stateToken(state: string): string {
  return state.replace(/\s+/g, '-');
}

/** Case-insensitive match on name, host, state, MACs, disks and graphics port. */
export function filterVms(rows: readonly VmRow[], needle: string): VmRow[] {
  const n = needle.trim().toLowerCase();
  if (!n) return [...rows];
  return rows.filter((r) =>
    [
      r.name,
      r.hostName ?? '',
      r.state,
      r.uuid,
      ...r.nics.map((x) => x.mac ?? ''),
      ...r.addresses.map((a) => a.ip),
      ...r.disks.map((d) => d.source ?? ''),
      ...r.graphics.map((g) => String(g.port ?? '')),
    ].some((s) => s.toLowerCase().includes(n)),
  );
}

export type SortKey = 'name' | 'state' | 'vcpus' | 'memoryMiB';

export function sortVms(rows: VmRow[], key: SortKey, descending: boolean): VmRow[] {
  const sign = descending ? -1 : 1;
  return rows.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return c === 0 ? a.name.localeCompare(b.name) : sign * c;
  });
}
