import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../common/result';
import { openDb } from '../db';
import { FileKeyProvider } from './fileKeyProvider';
import { Vault } from './vault';
import { createServices } from '../../app/services';
import { HostFields } from '../../../common/domain/host';

const dir = () => mkdtempSync(join(tmpdir(), 'labvisor-vault-'));
const open = (d: string) => new Vault(openDb(join(d, 'labvisor.db')), new FileKeyProvider(join(d, 'vault.key')));
const bmc = (hostId: number) => ({ hostId, purpose: 'bmc-password' }) as const;

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected an error');
}

describe('Vault with a key file', () => {
  it('stores secrets sealed in the database, readable back with the same key; the key file is 0600', () => {
    const d = dir();
    const vault = open(d);
    vault.set(bmc(1), 'hunter2-ilo-password');
    expect(readFileSync(join(d, 'labvisor.db')).includes('hunter2')).toBe(false);
    expect(readFileSync(join(d, 'labvisor.db-wal')).includes('hunter2')).toBe(false);
    expect(statSync(join(d, 'vault.key')).mode & 0o777).toBe(0o600);
    const reopened = open(d);
    expect(reopened.get(bmc(1))).toBe('hunter2-ilo-password');
    expect(reopened.stored(1)).toEqual({ sshPassword: false, sshPassphrase: false, bmcPassword: true });
    expect(reopened.delete(bmc(1))).toBe(true);
    expect(reopened.get(bmc(1))).toBeNull();
  });

  it('refuses a key file other users can read', () => {
    const d = dir();
    new FileKeyProvider(join(d, 'vault.key')).loadOrCreateKey();
    chmodSync(join(d, 'vault.key'), 0o644);
    expect(() => new FileKeyProvider(join(d, 'vault.key')).loadOrCreateKey()).toThrow(/chmod 600/);
  });

  it('binds each secret to its host id and purpose: a sealed value copied to another host does not open', () => {
    const d = dir();
    const db = openDb(join(d, 'labvisor.db'));
    const vault = new Vault(db, new FileKeyProvider(join(d, 'vault.key')));
    vault.set(bmc(2), 'host-2-secret');
    db.prepare(
      "INSERT INTO vault_entries (ref, iv, tag, data, updated_at) SELECT 'bmc:3', iv, tag, data, updated_at FROM vault_entries WHERE ref = 'bmc:2'",
    ).run();
    db.prepare(
      "INSERT INTO vault_entries (ref, iv, tag, data, updated_at) SELECT 'ssh:2:password', iv, tag, data, updated_at FROM vault_entries WHERE ref = 'bmc:2'",
    ).run();
    expect(errorOf(() => vault.get(bmc(3))).code).toBe('vault_damaged');
    expect(errorOf(() => vault.get({ hostId: 2, purpose: 'ssh-password' })).code).toBe('vault_damaged');
    expect(vault.get(bmc(2))).toBe('host-2-secret');
  });

  it('adopts the JSON vault file of earlier versions once, and names a damaged one', () => {
    const d = dir();
    const first = open(d);
    first.set(bmc(7), 'from-the-old-file');
    const db = openDb(join(d, 'labvisor.db'));
    const row = db.prepare("SELECT iv, tag, data FROM vault_entries WHERE ref = 'bmc:7'").get();
    db.prepare('DELETE FROM vault_entries').run();
    // `__proto__` as a key is plain data to the adopter, not a prototype to set.
    const legacy = join(d, 'secrets.vault');
    writeFileSync(
      legacy,
      `{"version":1,"entries":{"bmc:7":${JSON.stringify(row)},"__proto__":{"iv":"a","tag":"b","data":"c"}}}`,
    );
    const vault = new Vault(db, new FileKeyProvider(join(d, 'vault.key')));
    expect(vault.adoptLegacyFile(legacy)).toBe(2);
    expect(vault.get(bmc(7))).toBe('from-the-old-file');
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(`${legacy}.imported`)).toBe(true);

    writeFileSync(legacy, '{"version":1,"entr');
    const damaged = errorOf(() => vault.adoptLegacyFile(legacy));
    expect(damaged.code).toBe('vault_damaged');
    expect(damaged.message).toContain(legacy);
  });

  it('keeps all 20 secrets written by 20 CLI processes at once', async () => {
    const d = dir();
    const setup = createServices({ dataDir: d });
    const hosts = Array.from({ length: 20 }, (_, i) =>
      setup.inventory.add(HostFields.parse({ name: `h${i}`, bmc: { type: 'ipmi', address: '127.0.0.1' } }), 'cli'),
    );
    await setup.close();
    const cli = join(__dirname, '../../cli.ts');
    const tsx = join(__dirname, '../../../node_modules/.bin/tsx');
    const codes = await Promise.all(
      hosts.map(
        (h) =>
          new Promise<number | null>((resolve, reject) => {
            const child = spawn(tsx, [cli, `--data-dir=${d}`, 'secret', 'set', h.name, '--bmc'], {
              stdio: ['pipe', 'ignore', 'inherit'],
            });
            child.on('error', reject);
            child.on('exit', resolve);
            child.stdin.end(`secret-of-${h.name}\n`);
          }),
      ),
    );
    expect(codes).toEqual(hosts.map(() => 0));
    const services = createServices({ dataDir: d });
    try {
      for (const h of hosts) expect(services.vault.get(bmc(h.id))).toBe(`secret-of-${h.name}`);
    } finally {
      await services.close();
    }
  }, 120_000);
});
