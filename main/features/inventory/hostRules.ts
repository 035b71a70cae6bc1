import { AppError } from '../../../common/result';
import type { Host, HostFields } from '../../../common/domain/host';

/**
 * Checks that a host's references make sense against the rest of the inventory: unique names (aliases
 * included, case-insensitive), parents and jump hosts that exist, and no loops.
 */
export function checkHost(fields: HostFields, selfId: number | null, all: readonly Host[]): void {
  const byId = new Map(all.map((h) => [h.id, h]));
  const others = all.filter((h) => h.id !== selfId);
  const lower = fields.name.toLowerCase();
  for (const h of others) {
    if (h.name.toLowerCase() === lower) throw new AppError('conflict', `a host named "${fields.name}" already exists`);
    if (h.aliases.some((a) => a.name.toLowerCase() === lower)) {
      throw new AppError('conflict', `"${fields.name}" is already an alias of ${h.name}`);
    }
    for (const alias of fields.aliases) {
      const a = alias.name.toLowerCase();
      if (h.name.toLowerCase() === a || h.aliases.some((x) => x.name.toLowerCase() === a)) {
        throw new AppError('conflict', `alias "${alias.name}" is already used by ${h.name}`);
      }
    }
  }
  const follow = (label: string, start: number | null, next: (h: Host) => number | null) => {
    const seen = new Set<number>(selfId === null ? [] : [selfId]);
    for (let id = start; id !== null;) {
      if (seen.has(id)) throw new AppError('invalid_input', `${label} would make a loop`);
      seen.add(id);
      const h = byId.get(id);
      if (!h) throw new AppError('invalid_input', `${label} refers to host #${id}, which does not exist`);
      id = next(h);
    }
  };
  follow('parent', fields.parentId, (h) => h.parentId);
  follow('SSH jump host', fields.ssh.jumpHostId, (h) => h.ssh.jumpHostId);
  if (fields.bmc?.jumpHostId != null) follow('BMC jump host', fields.bmc.jumpHostId, (h) => h.ssh.jumpHostId);
}
