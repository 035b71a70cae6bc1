import { createHash } from 'node:crypto';
import type { AuditEntry, AuditVerification } from '../../../common/contract/audit';
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
  hash?: string | null;
}

type HashedFields = Omit<AuditRow, 'id' | 'hash'>;

/** Each entry's hash covers the previous entry's hash and its own content, so a changed row breaks the chain. */
function chainHash(previous: string, row: HashedFields): string {
  const content = [row.at, row.door, row.action, row.target, row.before, row.after, row.result, row.message];
  return createHash('sha256').update(previous).update('\n').update(JSON.stringify(content)).digest('hex');
}

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (v: string | null) => (v === null ? null : (JSON.parse(v) as unknown));

/**
 * The append-only record of every change and action. SQLite triggers refuse UPDATE, DELETE and INSERT OR
 * REPLACE over an existing entry; a SHA-256 hash chain makes any other rewrite of the file detectable
 * (`verify`). Callers that change data append inside the same transaction as the change.
 */
export class AuditLog {
  private readonly insert;
  private readonly lastHash;
  private readonly append_;

  constructor(
    private readonly db: Db,
    private readonly events?: EventBus,
  ) {
    this.insert = db.prepare(
      `INSERT INTO audit_log (at, door, action, target, before, after, result, message, hash)
       VALUES (@at, @door, @action, @target, @before, @after, @result, @message, @hash)`,
    );
    this.lastHash = db.prepare('SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1');
    // IMMEDIATE: the write lock is taken before the previous hash is read, so two processes cannot fork the chain.
    this.append_ = db.transaction((row: HashedFields) => {
      const previous = (this.lastHash.get() as { hash: string } | undefined)?.hash ?? '';
      const hash = chainHash(previous, row);
      return { id: Number(this.insert.run({ ...row, hash }).lastInsertRowid), hash };
    });
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
    const { id } = this.db.inTransaction ? this.append_(row) : this.append_.immediate(row);
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

  /** Walks the chain from the first hashed entry (older versions wrote none) and names the first broken one. */
  verify(): AuditVerification {
    let previous = '';
    let checked = 0;
    let started = false;
    for (const row of this.db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as Iterable<AuditRow>) {
      if (row.hash === null || row.hash === undefined) {
        if (started) return { ok: false, checked, brokenAt: row.id };
        continue;
      }
      started = true;
      if (chainHash(previous, row) !== row.hash) return { ok: false, checked, brokenAt: row.id };
      previous = row.hash;
      checked++;
    }
    return { ok: true, checked, brokenAt: null };
  }
}

function toEntry({ hash: _hash, ...row }: AuditRow): AuditEntry {
  return { ...row, before: parse(row.before), after: parse(row.after) };
}
