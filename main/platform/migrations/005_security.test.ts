import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDb } from '../db';
import { migrations } from './index';

describe('migration 005 (security)', () => {
  it('drops stored secret references, so no host keeps pointing at another host’s secret', () => {
    const db = openDb(
      join(mkdtempSync(join(tmpdir(), 'labvisor-m005-')), 'test.db'),
      migrations.filter((m) => m.version < 5),
    );
    db.prepare(
      `INSERT INTO hosts (name, kind, layer, notes, tags, addresses, aliases, protected, ssh_auth_ref, bmc,
         created_at, updated_at)
       VALUES ('attacker', 'physical', 0, '', '[]', '[]', '[]', 0, 'ssh:2:password',
         '{"type":"ipmi","address":"10.0.0.9","port":null,"user":null,"cipherSuite":3,"secretRef":"bmc:2"}', '', '')`,
    ).run();
    migrate(db, migrations);
    const row = db.prepare("SELECT * FROM hosts WHERE name = 'attacker'").get() as Record<string, unknown>;
    expect(Object.keys(row)).not.toContain('ssh_auth_ref');
    expect(JSON.parse(row.bmc as string)).toEqual({
      type: 'ipmi',
      address: '10.0.0.9',
      port: null,
      user: null,
      cipherSuite: 3,
    });
  });

  it('the audit log refuses INSERT OR REPLACE over an existing entry', () => {
    const db = openDb(join(mkdtempSync(join(tmpdir(), 'labvisor-m005-')), 'test.db'));
    db.prepare("INSERT INTO audit_log (at, door, action, result) VALUES ('t', 'cli', 'x', 'ok')").run();
    expect(() =>
      db
        .prepare(
          "INSERT OR REPLACE INTO audit_log (id, at, door, action, result) VALUES (1, 't', 'cli', 'forged', 'ok')",
        )
        .run(),
    ).toThrow(/append-only/);
    expect(db.prepare('SELECT action FROM audit_log WHERE id = 1').get()).toEqual({ action: 'x' });
  });
});
