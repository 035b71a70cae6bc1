/** What a secret is for. With the host id this is the whole address of a secret: nothing else reaches the vault. */
type SecretPurpose = 'ssh-password' | 'ssh-passphrase' | 'bmc-password' | 'vnc-password';

export interface SecretKey {
  hostId: number;
  purpose: SecretPurpose;
  /** `vnc-password` only: which VNC server as reached through the host (`127.0.0.1:5901`, `unix:/path`). */
  target?: string;
}

/**
 * The vault's name for a secret, also its AEAD additional data, so a sealed entry only opens under the host id
 * and purpose it was stored for. The strings are the ones earlier versions wrote by default, so existing vaults
 * keep working.
 */
export function secretRef({ hostId, purpose, target }: SecretKey): string {
  if (!Number.isSafeInteger(hostId) || hostId <= 0) throw new Error(`invalid host id for a secret: ${hostId}`);
  switch (purpose) {
    case 'ssh-password':
      return `ssh:${hostId}:password`;
    case 'ssh-passphrase':
      return `ssh:${hostId}:passphrase`;
    case 'bmc-password':
      return `bmc:${hostId}`;
    case 'vnc-password':
      if (!target) throw new Error('a VNC password needs its target');
      return `vnc:${hostId}:${target}`;
  }
}

/** The read side of the vault, what drivers need to log in. */
export interface SecretSource {
  get(key: SecretKey): string | null;
}
