import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import type { KeyProvider } from './vault';

/**
 * The headless server's vault key: 32 random bytes in a 0600 file under the data directory. A key file that
 * others can read is refused rather than silently used.
 */
export class FileKeyProvider implements KeyProvider {
  readonly kind = 'key-file';

  constructor(private readonly file: string) {}

  loadOrCreateKey(): Buffer {
    if (!existsSync(this.file)) {
      writeFileSync(this.file, randomBytes(32), { mode: 0o600, flag: 'wx' });
      chmodSync(this.file, 0o600);
    }
    if (process.platform !== 'win32' && (statSync(this.file).mode & 0o077) !== 0) {
      throw new Error(`vault key ${this.file} is readable by other users; run: chmod 600 '${this.file}'`);
    }
    const key = readFileSync(this.file);
    if (key.length !== 32) throw new Error(`vault key ${this.file} is damaged (expected 32 bytes)`);
    return key;
  }
}
