import { AppError } from '../../../common/result';
import { HostFields, type Host } from '../../../common/domain/host';
import { DEFAULT_NAMING_RULES, NamingRules } from '../../../common/domain/naming';
import type {
  ExportFormat,
  ExportResult,
  ImportPreview,
  ParsedImportRequest,
  ImportResult,
  ImportRow,
} from '../../../common/contract/inventory';
import type { Door } from '../../../common/contract';
import type { Db } from '../../platform/db';
import type { EventBus } from '../../platform/eventBus';
import type { AuditLog } from '../audit/auditLog';
import { HostRepo, fieldsOf } from './hostRepo';
import { checkHost } from './hostRules';
import { previewImport } from './import/previewImport';
import { commitImport } from './import/commitImport';
import { exportInventory } from './export/exportInventory';

const NAMING_KEY = 'naming.rules';

export class InventoryService {
  readonly repo: HostRepo;

  constructor(
    private readonly db: Db,
    private readonly audit: AuditLog,
    private readonly events: EventBus,
  ) {
    this.repo = new HostRepo(db);
  }

  list(): Host[] {
    return this.repo.list();
  }

  get(id: number): Host {
    const host = this.repo.get(id);
    if (!host) throw new AppError('not_found', `host #${id} does not exist`);
    return host;
  }

  /** Finds a host by name or alias (case-insensitive), as the CLI and the power/ssh features address hosts. */
  find(nameOrAlias: string): Host | null {
    const direct = this.repo.getByName(nameOrAlias);
    if (direct) return direct;
    const lower = nameOrAlias.toLowerCase();
    return this.repo.list().find((h) => h.aliases.some((a) => a.name.toLowerCase() === lower)) ?? null;
  }

  add(fields: HostFields, door: Door): Host {
    const host = this.repo.transaction(() => {
      checkHost(fields, null, this.repo.list());
      return this.repo.insert(fields);
    });
    this.audit.append({ door, action: 'inventory.addHost', target: host.name, after: fieldsOf(host), result: 'ok' });
    this.events.emit('inventory.changed', { reason: 'add', ids: [host.id] });
    return host;
  }

  update(id: number, changes: Partial<HostFields>, door: Door): Host {
    const [before, after] = this.repo.transaction(() => {
      const current = this.get(id);
      const merged = HostFields.parse({ ...fieldsOf(current), ...changes });
      checkHost(merged, id, this.repo.list());
      return [current, this.repo.update(id, merged)] as const;
    });
    this.audit.append({
      door,
      action: 'inventory.updateHost',
      target: after.name,
      before: fieldsOf(before),
      after: fieldsOf(after),
      result: 'ok',
    });
    this.events.emit('inventory.changed', { reason: 'update', ids: [id] });
    return after;
  }

  remove(ids: number[], door: Door): number {
    const removed = this.repo.transaction(() =>
      ids.map((id) => {
        const host = this.get(id);
        this.repo.remove(id);
        return host;
      }),
    );
    for (const host of removed) {
      this.audit.append({
        door,
        action: 'inventory.removeHosts',
        target: host.name,
        before: fieldsOf(host),
        result: 'ok',
      });
    }
    this.events.emit('inventory.changed', { reason: 'remove', ids });
    return removed.length;
  }

  previewImport(request: ParsedImportRequest): ImportPreview {
    return previewImport(request, { existing: this.repo.list(), rules: this.namingRules() });
  }

  commitImport(rows: ImportRow[], source: string | undefined, door: Door): ImportResult {
    const result = commitImport(rows, { repo: this.repo, rules: this.namingRules() });
    this.audit.append({ door, action: 'inventory.commitImport', target: source ?? null, after: result, result: 'ok' });
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
    const before = this.namingRules();
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(NAMING_KEY, JSON.stringify(rules));
    this.audit.append({ door, action: 'inventory.setNamingRules', before, after: rules, result: 'ok' });
    return rules;
  }
}
