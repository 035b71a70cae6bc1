import { createHmac } from 'node:crypto';
import { keyTypeOf } from './fingerprint';

export interface KnownHostsLine {
  /** Plain host patterns (`host`, `[host]:port`), or null for a hashed entry. */
  patterns: string[] | null;
  hashed: { salt: Buffer; hash: Buffer } | null;
  keyType: string;
  blob: Buffer;
}

/**
 * Parses OpenSSH known_hosts text. Markers (`@revoked`, `@cert-authority`) and wildcard patterns are skipped:
 * Labvisor pins exact endpoints only.
 */
export function parseKnownHosts(text: string): { lines: KnownHostsLine[]; skipped: number } {
  const lines: KnownHostsLine[] = [];
  let skipped = 0;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(/\s+/);
    const [hosts, keyType, b64] = fields;
    if (!hosts || !keyType || !b64 || hosts.startsWith('@')) {
      skipped++;
      continue;
    }
    const blob = Buffer.from(b64, 'base64');
    if (keyTypeOf(blob) !== keyType) {
      skipped++;
      continue;
    }
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (!salt || !hash) {
        skipped++;
        continue;
      }
      lines.push({
        patterns: null,
        hashed: { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') },
        keyType,
        blob,
      });
      continue;
    }
    const patterns = hosts.split(',').filter((p) => !/[*?!]/.test(p));
    if (patterns.length === 0) skipped++;
    else lines.push({ patterns, hashed: null, keyType, blob });
  }
  return { lines, skipped };
}

/** `host` or `[host]:port`, as known_hosts names an endpoint. */
export function endpointPattern(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function splitPattern(pattern: string): { host: string; port: number } {
  const m = /^\[(.+)\]:(\d+)$/.exec(pattern);
  return m ? { host: m[1]!, port: Number(m[2]) } : { host: pattern, port: 22 };
}

/** Whether a hashed entry (`|1|salt|HMAC-SHA1(salt, pattern)`) names this endpoint. */
export function hashedMatches(hashed: { salt: Buffer; hash: Buffer }, host: string, port: number): boolean {
  const digest = createHmac('sha1', hashed.salt).update(endpointPattern(host, port)).digest();
  return digest.equals(hashed.hash);
}
