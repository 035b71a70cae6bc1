import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostFields } from '../../common/domain/host';
import { createServices } from './services';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the data directory', () => {
  it('is 0700 with 0600 files even when it and its files existed with looser modes', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'labvisor-perms-')), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'labvisor.log'), '', { mode: 0o644 });
    chmodSync(join(dir, 'labvisor.log'), 0o644);
    const first = createServices({ dataDir: dir });
    await first.close();
    chmodSync(join(dir, 'labvisor.db'), 0o644);
    const s = createServices({ dataDir: dir });
    s.inventory.add(HostFields.parse({ name: 'h1', bmc: { type: 'ipmi', address: '127.0.0.1' } }), 'cli');
    s.vault.set({ hostId: 1, purpose: 'bmc-password' }, 'x');
    s.log.warn('written');
    expect(mode(dir)).toBe(0o700);
    for (const f of readdirSync(dir)) expect([f, mode(join(dir, f))]).toEqual([f, 0o600]);
    await s.close();
  });

  it('--read-only opens the database read-only and creates nothing', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'labvisor-ro-')), 'data');
    expect(() => createServices({ dataDir: dir, readOnly: true })).toThrow(/no Labvisor database/);
    expect(existsSync(dir)).toBe(false);

    const writer = createServices({ dataDir: dir });
    writer.inventory.add(HostFields.parse({ name: 'h1' }), 'cli');
    await writer.close();
    const before = readdirSync(dir).sort();

    const ro = createServices({ dataDir: dir, readOnly: true });
    expect(ro.inventory.list().map((h) => h.name)).toEqual(['h1']);
    expect(await ro.dispatch('inventory.addHost', { name: 'h2' }, { door: 'cli' })).toMatchObject({
      code: 'read_only',
    });
    expect(() => ro.db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/i);
    ro.log.warn('not written to a file');
    await ro.close();
    // SQLite itself adds the WAL index files any reader of a WAL database needs (with the database's mode).
    const sqliteShared = (f: string) => /\.db-(wal|shm)$/.test(f);
    expect(
      readdirSync(dir)
        .filter((f) => !sqliteShared(f))
        .sort(),
    ).toEqual(before);
    for (const f of readdirSync(dir)) expect(mode(join(dir, f))).toBe(0o600);
  });
});
