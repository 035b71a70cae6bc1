import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFileSync, renameSync } from 'node:fs';
import { AppError } from '../../../common/result';
import type { StoredSecrets } from '../../../common/domain/host';
import type { Db } from '../db';
import { secretRef, type SecretKey } from './secretKeys';

/** Supplies the 32-byte key the vault's entries are sealed with. */
export interface KeyProvider {
  readonly kind: string;
  loadOrCreateKey(): Buffer;
}

interface SealedEntry {
  iv: string;
  tag: string;
  data: string;
}

/**
 * Secrets (passwords, key passphrases, BMC credentials) live only here, each sealed with AES-256-GCM whose
 * additional data is the secret's reference (host id + purpose), so an entry copied to another host does not
 * open. The sealed entries are rows of the inventory database: the desktop app, `serve` and the CLI may write
 * at the same time, and SQLite transactions keep every write (a JSON file rewritten by each writer lost them).
 */
export class Vault {
  private key: Buffer | null = null;
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly keys: KeyProvider,
    private readonly describe = 'the vault',
  ) {
    this.stmts = {
      get: db.prepare('SELECT iv, tag, data FROM vault_entries WHERE ref = ?'),
      has: db.prepare('SELECT 1 FROM vault_entries WHERE ref = ?'),
      put: db.prepare(
        `INSERT INTO vault_entries (ref, iv, tag, data, updated_at) VALUES (@ref, @iv, @tag, @data, @at)
         ON CONFLICT(ref) DO UPDATE SET iv = excluded.iv, tag = excluded.tag, data = excluded.data,
           updated_at = excluded.updated_at`,
      ),
      adopt: db.prepare(
        `INSERT INTO vault_entries (ref, iv, tag, data, updated_at) VALUES (@ref, @iv, @tag, @data, @at)
         ON CONFLICT(ref) DO NOTHING`,
      ),
      remove: db.prepare('DELETE FROM vault_entries WHERE ref = ?'),
      refsLike: db.prepare('SELECT ref FROM vault_entries WHERE ref IN (?, ?, ?)'),
    };
  }

  set(key: SecretKey, secret: string): void {
    const ref = secretRef(key);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secretKey(), iv);
    cipher.setAAD(Buffer.from(ref));
    const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    this.stmts.put.run({
      ref,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      data: data.toString('base64'),
      at: new Date().toISOString(),
    });
  }

  get(key: SecretKey): string | null {
    const ref = secretRef(key);
    const entry = this.stmts.get.get(ref) as SealedEntry | undefined;
    if (!entry) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.secretKey(), Buffer.from(entry.iv, 'base64'));
      decipher.setAAD(Buffer.from(ref));
      decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new AppError(
        'vault_damaged',
        `the ${key.purpose} of host #${key.hostId} in ${this.describe} does not open with the vault key ` +
          `(${this.keys.kind}): the entry or the key was changed. Store the secret again.`,
        { ref },
      );
    }
  }

  has(key: SecretKey): boolean {
    return this.stmts.has.get(secretRef(key)) !== undefined;
  }

  delete(key: SecretKey): boolean {
    return this.stmts.remove.run(secretRef(key)).changes > 0;
  }

  /** Which of a host's secrets are stored (shown in the host editor; the secrets themselves never leave). */
  stored(hostId: number): StoredSecrets {
    const refs = new Set(
      (
        this.stmts.refsLike.all(
          secretRef({ hostId, purpose: 'ssh-password' }),
          secretRef({ hostId, purpose: 'ssh-passphrase' }),
          secretRef({ hostId, purpose: 'bmc-password' }),
        ) as { ref: string }[]
      ).map((r) => r.ref),
    );
    return {
      sshPassword: refs.has(secretRef({ hostId, purpose: 'ssh-password' })),
      sshPassphrase: refs.has(secretRef({ hostId, purpose: 'ssh-passphrase' })),
      bmcPassword: refs.has(secretRef({ hostId, purpose: 'bmc-password' })),
    };
  }

  /**
   * Moves the entries of the JSON vault file earlier versions wrote into the database, sealed as they are (the
   * key and the references did not change), then renames the file so it is read once. A damaged file is named,
   * not half-read.
   */
  adoptLegacyFile(file: string): number {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let entries: Record<string, SealedEntry>;
    try {
      const parsed = JSON.parse(text) as { entries?: unknown };
      if (typeof parsed?.entries !== 'object' || parsed.entries === null) throw new Error('no entries');
      entries = parsed.entries as Record<string, SealedEntry>;
    } catch {
      throw new AppError(
        'vault_damaged',
        `the vault file ${file} is damaged (not a Labvisor vault); move it away to start without it`,
        { file },
      );
    }
    const at = new Date().toISOString();
    const adopt = this.db.transaction(() => {
      let n = 0;
      for (const [ref, e] of Object.entries(entries)) {
        if (typeof e?.iv !== 'string' || typeof e.tag !== 'string' || typeof e.data !== 'string') continue;
        n += this.stmts.adopt.run({ ref, iv: e.iv, tag: e.tag, data: e.data, at }).changes;
      }
      return n;
    });
    const n = adopt();
    try {
      renameSync(file, `${file}.imported`);
    } catch (error) {
      // Another process adopted and renamed it first.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    return n;
  }

  private secretKey(): Buffer {
    this.key ??= this.keys.loadOrCreateKey();
    return this.key;
  }
}
