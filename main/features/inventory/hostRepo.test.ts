import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostFields } from '../../../common/domain/host';
import { migrate, openDb, type Db } from '../../platform/db';
import { migrations } from '../../platform/migrations';
import { HostRepo } from './hostRepo';

const tempDb = (list = migrations) => openDb(join(mkdtempSync(join(tmpdir(), 'labvisor-repo-')), 'test.db'), list);

/** The SQL of every statement the repository prepares, as SQLite will run it. */
function repoStatements(db: Db): string[] {
  const sources: string[] = [];
  const prepare = db.prepare.bind(db);
  const watched = Object.assign(Object.create(db) as Db, {
    prepare: (sql: string) => {
      sources.push(sql);
      return prepare(sql);
    },
  });
  new HostRepo(watched);
  return sources;
}

const plan = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('; ');

describe('HostRepo pages (migration 014)', () => {
  it('walks the (layer, name) index: no page scans and sorts the whole table', () => {
    const db = tempDb();
    const sql = repoStatements(db).filter((s) => s.includes('ORDER BY layer, name LIMIT'));
    expect(sql).toHaveLength(2);
    for (const s of sql) {
      const params = s.includes('WHERE') ? [1, 'm', 100] : [100];
      const p = plan(db, s, ...params);
      expect(p).toMatch(/USING INDEX hosts_by_layer_name/);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
  });

  it('pages in the order of list(), names compared without case, on a database written before the index', () => {
    const db = tempDb(migrations.filter((m) => m.version < 14));
    const before = new HostRepo(db);
    const names = ['beta', 'Alpha', 'gamma', 'ALPHA-2', 'alpha-10', 'Delta', 'b', 'Zeta', 'eta', 'Ceph-1'];
    names.forEach((name, i) => before.insert(HostFields.parse({ name, layer: i % 3 })));
    migrate(db, migrations);
    const repo = new HostRepo(db);
    const paged: string[] = [];
    for (let page = repo.page(null, 3); page.length > 0;) {
      paged.push(...page.map((h) => h.name));
      const last = page.at(-1)!;
      page = repo.page({ layer: last.layer, name: last.name }, 3);
    }
    expect(paged).toEqual(repo.list().map((h) => h.name));
    expect(paged).toHaveLength(names.length);
    // Layer 0 first, names compared without case ("ALPHA-2" before "b", "b" before "Ceph-1").
    expect(paged.slice(0, 4)).toEqual(['ALPHA-2', 'b', 'beta', 'Ceph-1']);
    db.close();
  });
});
