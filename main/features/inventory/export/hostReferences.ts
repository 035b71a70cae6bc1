import type { Host } from '../../../../common/domain/host';

/** Host ids → names, for formats that refer to other hosts by name. */
export function nameLookup(hosts: readonly Host[]): (id: number | null | undefined) => string | null {
  const names = new Map(hosts.map((h) => [h.id, h.name]));
  return (id) => (id == null ? null : (names.get(id) ?? null));
}
