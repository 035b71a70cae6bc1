import { z } from 'zod';

/** The `details` of a `host_key_unknown` / `host_key_mismatch` error: what the UI shows before anyone trusts a key. */
export const HostKeyProblem = z.object({
  hostId: z.number().int(),
  host: z.string(),
  port: z.number().int(),
  keyType: z.string(),
  /** What the server presents now, as OpenSSH prints it (SHA256:...). */
  fingerprint: z.string(),
  /** What was pinned before (mismatch only). */
  pinnedFingerprint: z.string().nullable().optional(),
});
export type HostKeyProblem = z.infer<typeof HostKeyProblem>;
