import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDb } from './db';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'labvisor-db-')), 'test.db');

describe('openDb', () => {
  it('uses WAL and foreign keys, and runs every migration', () => {
    const db = openDb(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
    db.close();
  });

  it('applies only newer migrations, and a failing one leaves the file as it was', () => {
    const db = openDb(tempFile(), []);
    expect(migrate(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x)' }])).toBe(1);
    expect(migrate(db, [{ version: 1, name: 'a', sql: 'CREATE TABLE a (x)' }])).toBe(1);
    expect(() =>
      migrate(db, [
        { version: 2, name: 'b', sql: 'CREATE TABLE b (x)' },
        { version: 3, name: 'broken', sql: 'CREATE TABLE nonsense (' },
      ]),
    ).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    db.close();
  });
});
