import { primaryAddress, type Host } from '../../../../common/domain/host';
import { fingerprintOf } from './fingerprint';
import type { KnownHostsRepo } from './knownHostsRepo';
import { hashedMatches, parseKnownHosts, splitPattern } from './parseKnownHosts';

export interface ImportKnownHostsResult {
  imported: number;
  alreadyKnown: number;
  skipped: number;
  revoked: number;
  unsupported: string[];
}

/**
 * Pins the keys of an OpenSSH known_hosts file. Plain entries are taken as they are; a hashed entry hides its
 * host name, so it is matched against every inventory host's address and port (unmatched ones are skipped).
 * Existing pins are never overwritten by an import: a different key there is a change for a person to review.
 * `@revoked` keys are recorded and never pinned (any pin of one is dropped); `@cert-authority` lines are named.
 */
export function importKnownHosts(text: string, repo: KnownHostsRepo, hosts: Host[]): ImportKnownHostsResult {
  const { lines, revoked, unsupported, skipped: unparsed } = parseKnownHosts(text);
  for (const r of revoked)
    repo.revoke({
      keyType: r.keyType,
      keyBase64: r.blob.toString('base64'),
      fingerprint: fingerprintOf(r.blob),
      source: 'known_hosts',
    });
  const isRevoked = (blob: Buffer) => repo.isRevoked(blob.toString('base64'));
  const endpoints = hosts
    .map((h) => ({ host: primaryAddress(h), port: h.ssh.port ?? 22 }))
    .filter((e): e is { host: string; port: number } => e.host !== null);
  const result = { imported: 0, alreadyKnown: 0, skipped: unparsed, revoked: revoked.length, unsupported };
  for (const line of lines) {
    if (isRevoked(line.blob)) {
      result.skipped++;
      continue;
    }
    const targets = line.patterns
      ? line.patterns.map(splitPattern)
      : endpoints.filter((e) => hashedMatches(line.hashed!, e.host, e.port));
    if (targets.length === 0) result.skipped++;
    for (const target of targets) {
      const pinned = repo.forEndpoint(target.host, target.port).find((k) => k.keyType === line.keyType);
      if (pinned) {
        if (pinned.keyBase64 === line.blob.toString('base64')) result.alreadyKnown++;
        else result.skipped++;
        continue;
      }
      repo.put({
        host: target.host,
        port: target.port,
        keyType: line.keyType,
        keyBase64: line.blob.toString('base64'),
        fingerprint: fingerprintOf(line.blob),
        source: 'known_hosts',
      });
      result.imported++;
    }
  }
  return result;
}
