import Database from 'better-sqlite3';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

/** Opens (creating if needed) the inventory database and brings its schema up to date. */
export function openDb(file: string, list: readonly Migration[] = migrations): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  migrate(db, list);
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
