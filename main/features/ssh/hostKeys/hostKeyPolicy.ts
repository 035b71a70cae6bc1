import type { KnownHostKey, PresentedHostKey } from '../../../../common/domain/hostKey';
import { fingerprintOf, keyTypeOf } from './fingerprint';
import type { KnownHostsRepo } from './knownHostsRepo';

export interface HostKeyVerdict extends PresentedHostKey {
  blob: Buffer;
  pinned: KnownHostKey | null;
}

/**
 * Compares the key a server presents with what is pinned for that address and port. A key of another type
 * than the pinned one counts as a change: connections ask for the pinned type first, so a server offering
 * something else no longer has the key it had.
 */
export function judgeHostKey(repo: KnownHostsRepo, host: string, port: number, blob: Buffer): HostKeyVerdict {
  const keyType = keyTypeOf(blob);
  const fingerprint = fingerprintOf(blob);
  const pinnedKeys = repo.forEndpoint(host, port);
  const sameType = pinnedKeys.find((k) => k.keyType === keyType) ?? null;
  const base = { host, port, keyType, fingerprint, blob };
  if (repo.isRevoked(blob.toString('base64')))
    return { ...base, status: 'revoked', pinned: null, pinnedFingerprint: null };
  if (sameType && sameType.keyBase64 === blob.toString('base64'))
    return { ...base, status: 'match', pinned: sameType, pinnedFingerprint: sameType.fingerprint };
  const pinned = sameType ?? pinnedKeys[0] ?? null;
  if (pinned) return { ...base, status: 'mismatch', pinned, pinnedFingerprint: pinned.fingerprint };
  return { ...base, status: 'unknown', pinned: null, pinnedFingerprint: null };
}
