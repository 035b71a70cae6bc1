import { AppError } from '../../../common/result';
import {
  HostFields,
  applyHostChanges,
  type Host,
  type HostChanges,
  type StoredSecrets,
} from '../../../common/domain/host';
import { DEFAULT_NAMING_RULES, NamingRules } from '../../../common/domain/naming';
import {
  ImportRequest,
  type ExportFormat,
  type ExportResult,
  type HostCursor,
  type HostPage,
  type ImportLink,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
} from '../../../common/contract/inventory';
import type { Door } from '../../../common/contract';
import type { Db } from '../../platform/db';
import type { EventBus } from '../../platform/eventBus';
import type { AuditLog } from '../audit/auditLog';
import { HostRepo, fieldsOf } from './hostRepo';
import { checkHost } from './hostRules';
import { previewImport } from './import/previewImport';
import { commitImport } from './import/commitImport';
import { systemImportTools, type ImportTools } from './import/importTools';
import { exportInventory } from './export/exportInventory';

const NAMING_KEY = 'naming.rules';

export class InventoryService {
  readonly repo: HostRepo;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
    private readonly secrets?: { stored(hostId: number): StoredSecrets },
    /** `ssh -G` and `ansible-inventory` when installed; tests pass none to exercise Labvisor's own readers. */
    private readonly importTools: ImportTools = systemImportTools(),
  ) {
    this.repo = new HostRepo(db);
  }

  list(): Host[] {
    return this.repo.list().map((h) => this.withSecrets(h));
  }

  /** One page of `list`, read in one transaction so `total` and the page agree. */
  page(after: HostCursor | null, limit: number): HostPage {
    return this.repo.transaction(() => {
      const hosts = this.repo.page(after, limit);
      const last = hosts.at(-1);
      return {
        hosts,
        total: this.repo.count(),
        next: hosts.length === limit && last ? { layer: last.layer, name: last.name } : null,
      };
    });
  }

  /** The hosts among `ids` that exist, in the order asked. */
  getMany(ids: readonly number[]): Host[] {
    return ids.map((id) => this.repo.get(id)).filter((h): h is Host => h !== null);
  }

  get(id: number): Host {
    const host = this.repo.get(id);
    if (!host) throw new AppError('not_found', `host #${id} does not exist`);
    return this.withSecrets(host);
  }

  private withSecrets(host: Host): Host {
    return this.secrets ? { ...host, secrets: this.secrets.stored(host.id) } : host;
  }

  /** Finds a host by name or alias (case-insensitive), as the CLI and the power/ssh features address hosts. */
  find(nameOrAlias: string): Host | null {
    const direct = this.repo.getByName(nameOrAlias);
    if (direct) return direct;
    const lower = nameOrAlias.toLowerCase();
    return this.repo.list().find((h) => h.aliases.some((a) => a.name.toLowerCase() === lower)) ?? null;
  }

  add(fields: HostFields, door: Door): Host {
    // The audit entry commits with the change or not at all.
    const host = this.repo.transaction(() => {
      checkHost(fields, null, this.repo.list());
      const added = this.repo.insert(fields);
      this.audit.append({
        door,
        action: 'inventory.addHost',
        target: added.name,
        after: fieldsOf(added),
        result: 'ok',
      });
      return added;
    });
    this.events.emit('inventory.changed', { reason: 'add', ids: [host.id] });
    return host;
  }

  /** Changes only the fields named in `changes` (nested ssh/bmc/hypervisor settings merge key by key). */
  update(id: number, changes: HostChanges, door: Door): Host {
    const after = this.repo.transaction(() => {
      const current = this.get(id);
      const merged = HostFields.parse(applyHostChanges(fieldsOf(current), changes));
      checkHost(merged, id, this.repo.list());
      const updated = this.repo.update(id, merged);
      this.audit.append({
        door,
        action: 'inventory.updateHost',
        target: updated.name,
        before: fieldsOf(current),
        after: fieldsOf(updated),
        result: 'ok',
      });
      return this.withSecrets(updated);
    });
    this.events.emit('inventory.changed', { reason: 'update', ids: [id] });
    return after;
  }

  remove(ids: number[], door: Door): number {
    const removed = this.repo.transaction(() =>
      ids.map((id) => {
        const host = this.get(id);
        this.repo.remove(id);
        this.audit.append({
          door,
          action: 'inventory.removeHosts',
          target: host.name,
          before: fieldsOf(host),
          result: 'ok',
        });
        return host;
      }),
    );
    this.events.emit('inventory.changed', { reason: 'remove', ids });
    return removed.length;
  }

  previewImport(request: ImportRequest, tools: ImportTools = this.importTools): Promise<ImportPreview> {
    return previewImport(ImportRequest.parse(request), {
      existing: this.repo.list(),
      rules: this.namingRules(),
      tools,
    });
  }

  commitImport(rows: ImportRow[], links: ImportLink[], source: string | undefined, door: Door): ImportResult {
    const result = this.repo.transaction(() => {
      const done = commitImport(rows, links, { repo: this.repo, rules: this.namingRules() });
      this.audit.append({ door, action: 'inventory.commitImport', target: source ?? null, after: done, result: 'ok' });
      return done;
    });
    this.events.emit('inventory.changed', { reason: 'import' });
    return result;
  }

  export(format: ExportFormat): ExportResult {
    return exportInventory(format, this.repo.list());
  }

  namingRules(): NamingRules {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(NAMING_KEY) as
      { value: string } | undefined;
    return row ? NamingRules.parse(JSON.parse(row.value)) : DEFAULT_NAMING_RULES;
  }

  setNamingRules(rules: NamingRules, door: Door): NamingRules {
    this.repo.transaction(() => {
      const before = this.namingRules();
      this.db
        .prepare(
          'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
        )
        .run(NAMING_KEY, JSON.stringify(rules));
      this.audit.append({ door, action: 'inventory.setNamingRules', before, after: rules, result: 'ok' });
    });
    return rules;
  }
}
