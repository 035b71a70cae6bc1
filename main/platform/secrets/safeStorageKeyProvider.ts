import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SafeStorage } from 'electron';
import type { KeyProvider } from './vault';

/**
 * The desktop vault key: 32 random bytes sealed by the OS keychain through Electron's safeStorage (Keychain,
 * DPAPI, libsecret/kwallet). Refuses to fall back to plaintext when the OS offers no keychain.
 */
export class SafeStorageKeyProvider implements KeyProvider {
  readonly kind = 'safe-storage';

  constructor(
    private readonly file: string,
    private readonly safeStorage: Pick<
      SafeStorage,
      'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
    >,
  ) {}

  loadOrCreateKey(): Buffer {
    if (!this.safeStorage.isEncryptionAvailable())
      throw new Error('the OS keychain is not available to seal the vault');
    if (process.platform === 'linux' && this.safeStorage.getSelectedStorageBackend() === 'basic_text') {
      throw new Error('no OS keychain (libsecret or kwallet) is running; secrets would be stored with a fixed key');
    }
    if (!existsSync(this.file)) {
      writeFileSync(this.file, this.safeStorage.encryptString(randomBytes(32).toString('base64')), {
        mode: 0o600,
        flag: 'wx',
      });
    }
    return Buffer.from(this.safeStorage.decryptString(readFileSync(this.file)), 'base64');
  }
}
