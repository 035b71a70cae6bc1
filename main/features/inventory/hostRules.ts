import { AppError } from '../../../common/result';
import type { Host, HostFields } from '../../../common/domain/host';

type Checked = Pick<Host, 'id' | 'name' | 'aliases' | 'parentId' | 'ssh'>;

/**
 * Checks that a host's references make sense against the rest of the inventory: unique host names (never
 * another host's alias either, case-insensitive), parents and jump hosts that exist, and no loops. An alias may
 * be carried by several hosts (`etcd` on each member of the cluster): as a target it means all of them.
 */
export function checkHost(fields: HostFields, selfId: number | null, all: readonly Host[]): void {
  new HostChecker(all).check(fields, selfId);
}

/** The inventory indexed once, so that checking every row of a large import stays linear. */
export class HostChecker {
  private readonly byId = new Map<number, Checked>();
  private readonly byName = new Map<string, Checked[]>();
  private readonly byAlias = new Map<string, Checked[]>();

  constructor(all: readonly Checked[]) {
    const push = (map: Map<string, Checked[]>, key: string, h: Checked) => {
      const list = map.get(key);
      if (list) list.push(h);
      else map.set(key, [h]);
    };
    for (const h of all) {
      this.byId.set(h.id, h);
      push(this.byName, h.name.toLowerCase(), h);
      for (const a of h.aliases) push(this.byAlias, a.name.toLowerCase(), h);
    }
  }

  check(fields: HostFields, selfId: number | null): void {
    const other = (list: Checked[] | undefined) => list?.find((h) => h.id !== selfId);
    const lower = fields.name.toLowerCase();
    if (other(this.byName.get(lower))) throw new AppError('conflict', `a host named "${fields.name}" already exists`);
    const owner = other(this.byAlias.get(lower));
    if (owner) throw new AppError('conflict', `"${fields.name}" is already an alias of ${owner.name}`);
    for (const alias of fields.aliases) {
      const a = alias.name.toLowerCase();
      const user = other(this.byName.get(a));
      if (user) throw new AppError('conflict', `alias "${alias.name}" is the name of host ${user.name}`);
    }
    const follow = (label: string, start: number | null, next: (h: Checked) => number | null) => {
      const seen = new Set<number>(selfId === null ? [] : [selfId]);
      for (let id = start; id !== null;) {
        if (seen.has(id)) throw new AppError('invalid_input', `${label} would make a loop`);
        seen.add(id);
        const h = this.byId.get(id);
        if (!h) throw new AppError('invalid_input', `${label} refers to host #${id}, which does not exist`);
        id = next(h);
      }
    };
    follow('parent', fields.parentId, (h) => h.parentId);
    follow('SSH jump host', fields.ssh.jumpHostId, (h) => h.ssh.jumpHostId);
    if (fields.bmc?.jumpHostId != null) follow('BMC jump host', fields.bmc.jumpHostId, (h) => h.ssh.jumpHostId);
  }
}
