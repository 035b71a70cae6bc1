/** What a secret is for. With the host id this is the whole address of a secret: nothing else reaches the vault. */
type SecretPurpose = 'ssh-password' | 'ssh-passphrase' | 'bmc-password';

export interface SecretKey {
  hostId: number;
  purpose: SecretPurpose;
}

/**
 * The vault's name for a secret, also its AEAD additional data, so a sealed entry only opens under the host id
 * and purpose it was stored for. The strings are the ones earlier versions wrote by default, so existing vaults
 * keep working.
 */
export function secretRef({ hostId, purpose }: SecretKey): string {
  if (!Number.isSafeInteger(hostId) || hostId <= 0) throw new Error(`invalid host id for a secret: ${hostId}`);
  switch (purpose) {
    case 'ssh-password':
      return `ssh:${hostId}:password`;
    case 'ssh-passphrase':
      return `ssh:${hostId}:passphrase`;
    case 'bmc-password':
      return `bmc:${hostId}`;
  }
}

/** The read side of the vault, what drivers need to log in. */
export interface SecretSource {
  get(key: SecretKey): string | null;
}
