import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostFields } from '../../../common/domain/host';
import { migrate, openDb } from '../db';
import { migrations } from './index';

const insert = (name: string, bmc: Record<string, unknown>) =>
  `INSERT INTO hosts (name, kind, layer, notes, tags, addresses, aliases, protected, bmc, created_at, updated_at)
   VALUES ('${name}', 'physical', 0, '', '[]', '[]', '[]', 0, '${JSON.stringify(bmc)}', '', '')`;

const bmc = (address: string, port: number | null = null, type = 'ipmi') => ({
  type,
  address,
  port,
  user: 'admin',
  cipherSuite: 3,
});

describe('migration 009 (BMC address and port)', () => {
  it('splits host:port, [v6]:port and iLO URLs of rows written by the older schema; leaves and reports the rest', () => {
    const db = openDb(
      join(mkdtempSync(join(tmpdir(), 'labvisor-m009-')), 'test.db'),
      migrations.filter((m) => m.version < 9),
    );
    const rows: [string, Record<string, unknown>][] = [
      ['ipmi-port', bmc('10.0.0.5:6230')],
      ['v6-port', bmc('[fd00::5]:8443', null, 'redfish')],
      ['ilo-url', bmc('https://ilo-01.lab:8443/', null, 'redfish')],
      ['same-port', bmc('10.0.0.6:623', 623)],
      ['plain', bmc('10.0.0.7')],
      ['bare-v6', bmc('fd00::7')],
      ['junk', bmc('10.0.0.8:http')],
      ['contradicts', bmc('10.0.0.9:700', 623)],
    ];
    for (const [name, value] of rows) db.exec(insert(name, value));
    const notes: string[] = [];
    expect(migrate(db, migrations, (version, note) => notes.push(`${version}: ${note}`))).toBeGreaterThanOrEqual(9);

    const stored = (name: string) =>
      JSON.parse((db.prepare('SELECT bmc FROM hosts WHERE name = ?').get(name) as { bmc: string }).bmc) as Record<
        string,
        unknown
      >;
    expect(stored('ipmi-port')).toMatchObject({ address: '10.0.0.5', port: 6230, user: 'admin', cipherSuite: 3 });
    expect(stored('v6-port')).toMatchObject({ type: 'redfish', address: 'fd00::5', port: 8443 });
    expect(stored('ilo-url')).toMatchObject({ address: 'ilo-01.lab', port: 8443 });
    expect(stored('same-port')).toMatchObject({ address: '10.0.0.6', port: 623 });
    expect(stored('plain')).toEqual(bmc('10.0.0.7'));
    expect(stored('bare-v6')).toEqual(bmc('fd00::7'));
    // Left exactly as they were, and said so.
    expect(stored('junk')).toEqual(bmc('10.0.0.8:http'));
    expect(stored('contradicts')).toEqual(bmc('10.0.0.9:700', 623));
    expect(notes.filter((n) => n.includes('left as stored'))).toEqual([
      expect.stringMatching(/^9: host junk \(id \d+\): BMC address "10.0.0.8:http" has a port that is not a number/),
      expect.stringMatching(/^9: host contradicts .* names port 700 but the port field says 623/),
    ]);
    expect(notes.filter((n) => n.includes('stored as address'))).toHaveLength(4);

    // What was migrated now passes the domain schema the doors use (it refused `host:port` with no port field).
    for (const name of ['ipmi-port', 'v6-port', 'ilo-url', 'same-port'])
      expect(HostFields.safeParse({ name, bmc: stored(name) }).success).toBe(true);
  });

  it('also runs, once, on a database already at version 10 (010 shipped before 009)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'labvisor-m009-')), 'test.db');
    const db = openDb(
      file,
      migrations.filter((m) => m.version !== 9),
    );
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
    db.exec(insert('ipmi-port', bmc('10.0.0.5:6230')));
    const notes: string[] = [];
    migrate(db, migrations, (_v, note) => notes.push(note));
    expect(notes).toEqual([expect.stringContaining('stored as address 10.0.0.5, port 6230')]);
    db.exec(insert('written-later', bmc('10.0.0.6:623')));
    const again: string[] = [];
    migrate(db, migrations, (_v, note) => again.push(note));
    expect(again).toEqual([]);
    db.close();
  });
});
