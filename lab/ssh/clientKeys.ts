import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';

// ssh2 is CommonJS: a default import works both under vitest and under Playwright's plain Node ESM loader.
const { utils } = ssh2;

export interface ClientKeys {
  /** Unencrypted ed25519 private key (OpenSSH format). */
  ed25519: string;
  /** ed25519 private key encrypted with `passphrase`. */
  encrypted: string;
  passphrase: string;
  /** An authorized_keys file listing both public keys, for the lab sshds' AuthorizedKeysFile. */
  authorizedKeys: string;
}

const LAB_KEY_PASSPHRASE = 'lvlab-Phrase-52be07';

/**
 * Client key pairs in `dir`, generated in-process (ssh-keygen would need the passphrase on its command line).
 * Files are world-readable where sshd reads them as the lab user, and 0600 where the client reads them.
 */
export function makeClientKeys(dir: string): ClientKeys {
  const keys: ClientKeys = {
    ed25519: join(dir, 'id_ed25519'),
    encrypted: join(dir, 'id_ed25519_encrypted'),
    passphrase: LAB_KEY_PASSPHRASE,
    authorizedKeys: join(dir, 'authorized_keys'),
  };
  // sshd reads the shared authorized_keys as the lab user, who must be able to reach it.
  chmodSync(dir, 0o755);
  if (existsSync(keys.authorizedKeys)) return keys;
  const plain = utils.generateKeyPairSync('ed25519', { comment: 'labvisor-lab' });
  const encrypted = utils.generateKeyPairSync('ed25519', {
    comment: 'labvisor-lab-encrypted',
    passphrase: LAB_KEY_PASSPHRASE,
    cipher: 'aes256-ctr',
    rounds: 8,
  });
  writeFileSync(keys.ed25519, plain.private, { mode: 0o600 });
  writeFileSync(keys.encrypted, encrypted.private, { mode: 0o600 });
  writeFileSync(keys.authorizedKeys, `${plain.public}\n${encrypted.public}\n`);
  chmodSync(keys.authorizedKeys, 0o644);
  return keys;
}
