import Database from 'better-sqlite3';
import { AppError } from '../../common/result';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the inventory database and brings its schema up to date. `readOnly` opens an
 * existing file without write access and changes nothing, schema included.
 */
export function openDb(
  file: string,
  list: readonly Migration[] = migrations,
  opts: { readOnly?: boolean; nativeBinding?: string | undefined } = {},
): Db {
  if (opts.readOnly) return openReadOnly(file, list, opts.nativeBinding);
  const db = new Database(file, binding(opts.nativeBinding));
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db, list);
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

/** Runs every migration newer than `user_version`, all in one transaction: a failure leaves the file as it was. */
export function migrate(db: Db, list: readonly Migration[]): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  const pending = list.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return current;
  const last = pending.at(-1)!.version;
  db.transaction(() => {
    for (const m of pending) db.exec(m.sql);
    db.pragma(`user_version = ${last}`);
  })();
  return last;
}
