import { NO_STORED_SECRETS, type Host, type HostFields } from '../../../common/domain/host';
import type { Db } from '../../platform/db';

interface HostRow {
  id: number;
  name: string;
  kind: Host['kind'];
  layer: number;
  parent_id: number | null;
  cluster: string | null;
  role: string | null;
  idx: number | null;
  arch: string | null;
  cpus: number | null;
  memory_gib: number | null;
  disk_gib: number | null;
  disk_type: string | null;
  numa: string | null;
  notes: string;
  tags: string;
  addresses: string;
  aliases: string;
  protected: number;
  ssh_user: string | null;
  ssh_port: number | null;
  ssh_jump_host_id: number | null;
  ssh_identity_file: string | null;
  ssh_more_identity_files: string;
  bmc: string | null;
  bmc_jump_host_id: number | null;
  hypervisor: string | null;
  created_at: string;
  updated_at: string;
}

type RowParams = Omit<HostRow, 'id' | 'created_at'>;

function toParams(f: HostFields, now: string): RowParams {
  const { jumpHostId: bmcJump, ...bmc } = f.bmc ?? { jumpHostId: null };
  return {
    name: f.name,
    kind: f.kind,
    layer: f.layer,
    parent_id: f.parentId,
    cluster: f.cluster,
    role: f.role,
    idx: f.index,
    arch: f.arch,
    cpus: f.cpus,
    memory_gib: f.memoryGiB,
    disk_gib: f.diskGiB,
    disk_type: f.diskType,
    numa: f.numa,
    notes: f.notes,
    tags: JSON.stringify(f.tags),
    addresses: JSON.stringify(f.addresses),
    aliases: JSON.stringify(f.aliases),
    protected: f.protected ? 1 : 0,
    ssh_user: f.ssh.user,
    ssh_port: f.ssh.port,
    ssh_jump_host_id: f.ssh.jumpHostId,
    ssh_identity_file: f.ssh.identityFile,
    ssh_more_identity_files: JSON.stringify(f.ssh.moreIdentityFiles),
    bmc: f.bmc ? JSON.stringify(bmc) : null,
    bmc_jump_host_id: f.bmc ? bmcJump : null,
    hypervisor: f.hypervisor ? JSON.stringify(f.hypervisor) : null,
    updated_at: now,
  };
}

function toHost(r: HostRow): Host {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    layer: r.layer,
    parentId: r.parent_id,
    cluster: r.cluster,
    role: r.role,
    index: r.idx,
    arch: r.arch,
    cpus: r.cpus,
    memoryGiB: r.memory_gib,
    diskGiB: r.disk_gib,
    diskType: r.disk_type,
    numa: r.numa,
    notes: r.notes,
    tags: JSON.parse(r.tags) as string[],
    addresses: JSON.parse(r.addresses) as Host['addresses'],
    aliases: JSON.parse(r.aliases) as Host['aliases'],
    protected: r.protected === 1,
    ssh: {
      user: r.ssh_user,
      port: r.ssh_port,
      jumpHostId: r.ssh_jump_host_id,
      identityFile: r.ssh_identity_file,
      moreIdentityFiles: JSON.parse(r.ssh_more_identity_files) as string[],
    },
    bmc: r.bmc
      ? { ...(JSON.parse(r.bmc) as Omit<NonNullable<Host['bmc']>, 'jumpHostId'>), jumpHostId: r.bmc_jump_host_id }
      : null,
    hypervisor: r.hypervisor ? (JSON.parse(r.hypervisor) as Host['hypervisor']) : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    // The vault, not this table, knows which secrets exist; InventoryService fills this in.
    secrets: NO_STORED_SECRETS,
  };
}

const COLUMNS = Object.keys(toParams({ ssh: {} } as HostFields, '')) as (keyof RowParams)[];

/** Prepared statements over the hosts table; callers own transactions (see `transaction`). */
export class HostRepo {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      all: db.prepare('SELECT * FROM hosts ORDER BY layer, name'),
      page: db.prepare('SELECT * FROM hosts WHERE (layer, name) > (?, ?) ORDER BY layer, name LIMIT ?'),
      first: db.prepare('SELECT * FROM hosts ORDER BY layer, name LIMIT ?'),
      count: db.prepare('SELECT count(*) AS n FROM hosts').pluck(),
      byId: db.prepare('SELECT * FROM hosts WHERE id = ?'),
      byName: db.prepare('SELECT * FROM hosts WHERE name = ?'),
      insert: db.prepare(
        `INSERT INTO hosts (${COLUMNS.join(', ')}, created_at) VALUES (${COLUMNS.map((c) => '@' + c).join(', ')}, @updated_at)`,
      ),
      update: db.prepare(`UPDATE hosts SET ${COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`),
      remove: db.prepare('DELETE FROM hosts WHERE id = ?'),
    };
  }

  list(): Host[] {
    return (this.stmts.all.all() as HostRow[]).map(toHost);
  }

  /** Up to `limit` hosts after `after` (layer, then name: the order of `list`). */
  page(after: { layer: number; name: string } | null, limit: number): Host[] {
    const rows = after ? this.stmts.page.all(after.layer, after.name, limit) : this.stmts.first.all(limit);
    return (rows as HostRow[]).map(toHost);
  }

  count(): number {
    return this.stmts.count.get() as number;
  }

  get(id: number): Host | null {
    const row = this.stmts.byId.get(id) as HostRow | undefined;
    return row ? toHost(row) : null;
  }

  getByName(name: string): Host | null {
    const row = this.stmts.byName.get(name) as HostRow | undefined;
    return row ? toHost(row) : null;
  }

  insert(fields: HostFields, now = new Date().toISOString()): Host {
    const id = Number(this.stmts.insert.run(toParams(fields, now)).lastInsertRowid);
    return this.get(id)!;
  }

  update(id: number, fields: HostFields, now = new Date().toISOString()): Host {
    this.stmts.update.run({ ...toParams(fields, now), id });
    return this.get(id)!;
  }

  remove(id: number): boolean {
    return this.stmts.remove.run(id).changes > 0;
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

/** The user-settable part of a stored host (what add/update/import speak). */
export function fieldsOf(host: Host): HostFields {
  const { id: _id, createdAt: _c, updatedAt: _u, secrets: _s, ...fields } = host;
  return fields;
}
