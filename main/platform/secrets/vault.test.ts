import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileKeyProvider } from './fileKeyProvider';
import { Vault } from './vault';

const dir = () => mkdtempSync(join(tmpdir(), 'labvisor-vault-'));

describe('Vault with a key file', () => {
  it('stores secrets sealed, in 0600 files, readable back with the same key', () => {
    const d = dir();
    const vault = new Vault(join(d, 'secrets.vault'), new FileKeyProvider(join(d, 'vault.key')));
    vault.set('bmc:zcloud', 'hunter2-ilo-password');
    expect(readFileSync(join(d, 'secrets.vault'), 'utf8')).not.toContain('hunter2');
    expect(statSync(join(d, 'secrets.vault')).mode & 0o777).toBe(0o600);
    expect(statSync(join(d, 'vault.key')).mode & 0o777).toBe(0o600);
    const reopened = new Vault(join(d, 'secrets.vault'), new FileKeyProvider(join(d, 'vault.key')));
    expect(reopened.get('bmc:zcloud')).toBe('hunter2-ilo-password');
    expect(reopened.refs()).toEqual(['bmc:zcloud']);
    expect(reopened.delete('bmc:zcloud')).toBe(true);
    expect(reopened.get('bmc:zcloud')).toBeNull();
  });

  it('refuses a key file other users can read', () => {
    const d = dir();
    new FileKeyProvider(join(d, 'vault.key')).loadOrCreateKey();
    chmodSync(join(d, 'vault.key'), 0o644);
    expect(() => new FileKeyProvider(join(d, 'vault.key')).loadOrCreateKey()).toThrow(/chmod 600/);
  });

  it('binds each secret to its reference: a sealed value moved to another ref does not open', () => {
    const d = dir();
    const file = join(d, 'secrets.vault');
    const vault = new Vault(file, new FileKeyProvider(join(d, 'vault.key')));
    vault.set('a', 'secret-a');
    const raw = JSON.parse(readFileSync(file, 'utf8'));
    raw.entries.b = raw.entries.a;
    writeFileSync(file, JSON.stringify(raw));
    expect(() => vault.get('b')).toThrow();
  });
});
