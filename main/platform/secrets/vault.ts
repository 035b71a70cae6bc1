import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

/** Supplies the 32-byte key the vault file is sealed with. */
export interface KeyProvider {
  readonly kind: string;
  loadOrCreateKey(): Buffer;
}

interface SealedEntry {
  iv: string;
  tag: string;
  data: string;
}

interface VaultFile {
  version: 1;
  entries: Record<string, SealedEntry>;
}

/**
 * Secrets (passwords, key passphrases, BMC credentials) live only here, each sealed with AES-256-GCM; the
 * inventory holds references (`ref`) to them. The file is written atomically with mode 0600.
 */
export class Vault {
  private key: Buffer | null = null;

  constructor(
    private readonly file: string,
    private readonly keys: KeyProvider,
  ) {}

  set(ref: string, secret: string): void {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secretKey(), iv);
    cipher.setAAD(Buffer.from(ref));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    const file = this.read();
    file.entries[ref] = {
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
    };
    this.write(file);
  }

  get(ref: string): string | null {
    const entry = this.read().entries[ref];
    if (!entry) return null;
    const decipher = createDecipheriv('aes-256-gcm', this.secretKey(), Buffer.from(entry.iv, 'base64'));
    decipher.setAAD(Buffer.from(ref));
    decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
  }

  has(ref: string): boolean {
    return ref in this.read().entries;
  }

  delete(ref: string): boolean {
    const file = this.read();
    if (!(ref in file.entries)) return false;
    delete file.entries[ref];
    this.write(file);
    return true;
  }

  refs(): string[] {
    return Object.keys(this.read().entries);
  }

  private secretKey(): Buffer {
    this.key ??= this.keys.loadOrCreateKey();
    return this.key;
  }

  private read(): VaultFile {
    if (!existsSync(this.file)) return { version: 1, entries: {} };
    return JSON.parse(readFileSync(this.file, 'utf8')) as VaultFile;
  }

  private write(file: VaultFile): void {
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(file), { mode: 0o600 });
    renameSync(tmp, this.file);
  }
}
