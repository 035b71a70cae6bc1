import { createRequire } from 'node:module';
import type DatabaseConstructor from 'better-sqlite3';
import { AppError } from '../../common/result';
import { migrations, type Migration } from './migrations';

export type Db = DatabaseConstructor.Database;

/*
 * better-sqlite3 is CommonJS. Imported from an ES module, Node first runs its CommonJS export scanner over the
 * package (about 5 ms of every CLI command); `require` loads it without that.
 */
const Database = createRequire(import.meta.url)('better-sqlite3') as typeof DatabaseConstructor;

/**
 * Opens (creating if needed) the inventory database and brings its schema up to date. `readOnly` opens an
 * existing file without write access and changes nothing, schema included.
 */
export function openDb(
  file: string,
  list: readonly Migration[] = migrations,
  opts: {
    readOnly?: boolean;
    nativeBinding?: string | undefined;
    /** What a migration changed or left alone in existing rows (for the log). */
    onMigrationNote?: (version: number, note: string) => void;
  } = {},
): Db {
  if (opts.readOnly) return openReadOnly(file, list, opts.nativeBinding);
  const db = new Database(file, binding(opts.nativeBinding));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db, list, opts.onMigrationNote);
  return db;
}

const binding = (nativeBinding: string | undefined) => (nativeBinding ? { nativeBinding } : {});

function openReadOnly(file: string, list: readonly Migration[], nativeBinding: string | undefined): Db {
  let db: Db;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...binding(nativeBinding) });
  } catch (error) {
    throw new AppError(
      'not_found',
      `read-only: there is no Labvisor database at ${file} (${(error as Error).message})`,
    );
  }
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = Math.max(0, ...list.map((m) => m.version));
  if (current < latest) {
    db.close();
    throw new AppError(
      'unsupported',
      `read-only: ${file} was written by an older Labvisor (schema ${current}, this one needs ${latest}); ` +
        'open it once without --read-only to upgrade it',
    );
  }
  return db;
}

function lateMigrationsRun(db: Db): Set<number> {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'late_migrations'").get();
  if (!table) return new Set();
  return new Set(
    (db.prepare('SELECT version FROM late_migrations').all() as { version: number }[]).map((r) => r.version),
  );
}

/**
 * Runs every migration newer than `user_version` (and a `late` one not run yet), all in one transaction: a failure leaves the file as it was. */
export function migrate(
  db: Db,
  list: readonly Migration[],
  onNote: (version: number, note: string) => void = () => undefined,
): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const late = lateMigrationsRun(db);
  const pending = list
    .filter((m) => m.version > current || (m.late && !late.has(m.version)))
    .sort((a, b) => a.version - b.version);
  if (pending.length === 0) return current;
  const last = Math.max(current, pending.at(-1)!.version);
  const notes: [number, string][] = [];
  db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS late_migrations (version INTEGER PRIMARY KEY)');
    for (const m of pending) {
      db.exec(m.sql);
      for (const note of m.run?.(db) ?? []) notes.push([m.version, note]);
      if (m.late) db.prepare('INSERT OR IGNORE INTO late_migrations (version) VALUES (?)').run(m.version);
    }
    db.pragma(`user_version = ${last}`);
  })();
  // Reported once committed: a migration that failed changed nothing.
  for (const [version, note] of notes) onNote(version, note);
  return last;
}
