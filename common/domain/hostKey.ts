import { z } from 'zod';

/** Where a pinned host key came from: accepted by a person, or imported from an OpenSSH known_hosts file. */
const HOST_KEY_SOURCES = ['user', 'known_hosts'] as const;

/** One pinned SSH host key, keyed by the address and port Labvisor connects to (as OpenSSH's known_hosts). */
export const KnownHostKey = z.object({
  id: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  /** The key blob's type, e.g. `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`. */
  keyType: z.string(),
  keyBase64: z.string(),
  /** As OpenSSH prints it: `SHA256:` + unpadded base64 of the SHA-256 of the key blob. */
  fingerprint: z.string(),
  addedAt: z.string(),
  source: z.enum(HOST_KEY_SOURCES),
});
export type KnownHostKey = z.infer<typeof KnownHostKey>;

/** A key a server presented, as shown to the user before they trust it. */
export const PresentedHostKey = z.object({
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  fingerprint: z.string(),
  /**
   * `unknown`: nothing pinned; `match`: pinned and equal; `mismatch`: a different key is pinned; `revoked`: the
   * key is marked `@revoked` in an imported known_hosts (refused, never pinned).
   */
  status: z.enum(['unknown', 'match', 'mismatch', 'revoked']),
  pinnedFingerprint: z.string().nullable(),
});
export type PresentedHostKey = z.infer<typeof PresentedHostKey>;
