import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import type { KeyProvider } from './vault';

/**
 * The headless server's vault key: 32 random bytes in a 0600 file under the data directory. A key file that
 * others can read is refused rather than silently used.
 */
export class FileKeyProvider implements KeyProvider {
  readonly kind = 'key-file';

  constructor(private readonly file: string) {}

  loadOrCreateKey(): Buffer {
    if (!existsSync(this.file)) this.createOnce();
    if (process.platform !== 'win32' && (statSync(this.file).mode & 0o077) !== 0) {
      throw new Error(`vault key ${this.file} is readable by other users; run: chmod 600 '${this.file}'`);
    }
    const key = readFileSync(this.file);
    if (key.length !== 32) throw new Error(`vault key ${this.file} is damaged (expected 32 bytes)`);
    return key;
  }

  /**
   * Several processes may start on an empty data directory at once: each writes a complete key under a unique
   * name and links it into place, which succeeds for exactly one; the others then read that one.
   */
  private createOnce(): void {
    const tmp = `${this.file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    const fd = openSync(tmp, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    try {
      linkSync(tmp, this.file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(tmp);
    }
  }
}
