import type { AuditEntry } from '../../../common/contract/audit';
import type { Door } from '../../../common/contract';
import type { Db } from '../../platform/db';
import type { EventBus } from '../../platform/eventBus';

export interface AuditRecord {
  door: Door;
  action: string;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  result: 'ok' | 'error';
  message?: string;
}

interface AuditRow {
  id: number;
  at: string;
  door: Door;
  action: string;
  target: string | null;
  before: string | null;
  after: string | null;
  result: 'ok' | 'error';
  message: string;
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));

/** The append-only record of every change and action (SQLite triggers refuse UPDATE and DELETE). */
export class AuditLog {
  private readonly insert;

  constructor(
    private readonly db: Db,
    private readonly events?: EventBus,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, door, action, target, before, after, result, message)
       VALUES (@at, @door, @action, @target, @before, @after, @result, @message)`,
    );
  }

  append(record: AuditRecord): AuditEntry {
    const row = {
      at: new Date().toISOString(),
      door: record.door,
      action: record.action,
      target: record.target ?? null,
      before: json(record.before),
      after: json(record.after),
      result: record.result,
      message: record.message ?? '',
    };
    const id = Number(this.insert.run(row).lastInsertRowid);
    const entry = toEntry({ id, ...row });
    this.events?.emit('audit.appended', entry);
    return entry;
  }

  list(opts: { limit: number; beforeId?: number | undefined; target?: string | undefined }): AuditEntry[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM audit_log
         WHERE (@beforeId IS NULL OR id < @beforeId) AND (@target IS NULL OR target = @target)
         ORDER BY id DESC LIMIT @limit`,
      )
      .all({ beforeId: opts.beforeId ?? null, target: opts.target ?? null, limit: opts.limit }) as AuditRow[];
    return rows.map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return { ...row, before: parse(row.before), after: parse(row.after) };
}
