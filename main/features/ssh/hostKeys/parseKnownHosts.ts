import { createHmac } from 'node:crypto';
import { keyTypeOf } from './fingerprint';

interface KnownHostsLine {
  /** Plain host patterns (`host`, `[host]:port`), or null for a hashed entry. */
  patterns: string[] | null;
  hashed: { salt: Buffer; hash: Buffer } | null;
  keyType: string;
  blob: Buffer;
}

export interface ParsedKnownHosts {
  lines: KnownHostsLine[];
  /** `@revoked` keys: refused wherever they are presented. */
  revoked: { keyType: string; blob: Buffer }[];
  /** Lines Labvisor does not act on, named for the user (`line 7: @cert-authority ...`). */
  unsupported: string[];
  skipped: number;
}

/**
 * Parses OpenSSH known_hosts text. Wildcard patterns are skipped (Labvisor pins exact endpoints only);
 * `@revoked` keys are collected to be refused; `@cert-authority` lines are reported as not supported.
 */
export function parseKnownHosts(text: string): ParsedKnownHosts {
  const lines: KnownHostsLine[] = [];
  const revoked: ParsedKnownHosts['revoked'] = [];
  const unsupported: string[] = [];
  let skipped = 0;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    const marker = fields[0]!.startsWith('@') ? fields.shift()! : null;
    const [hosts, keyType, b64] = fields;
    const blob = b64 ? Buffer.from(b64, 'base64') : null;
    if (marker === '@revoked' && keyType && blob && keyTypeOf(blob) === keyType) {
      revoked.push({ keyType, blob });
      return;
    }
    if (marker === '@cert-authority') {
      unsupported.push(
        `line ${i + 1}: @cert-authority ${hosts ?? ''} is not supported (host certificates are not checked); not imported`,
      );
      return;
    }
    if (!hosts || !keyType || !b64 || marker) {
      skipped++;
      return;
    }
    if (keyTypeOf(blob!) !== keyType) {
      skipped++;
      return;
    }
    if (hosts.startsWith('|1|')) {
      const [, , salt, hash] = hosts.split('|');
      if (!salt || !hash) {
        skipped++;
        return;
      }
      lines.push({
        patterns: null,
        hashed: { salt: Buffer.from(salt, 'base64'), hash: Buffer.from(hash, 'base64') },
        keyType,
        blob: blob!,
      });
      return;
    }
    const patterns = hosts.split(',').filter((p) => !/[*?!]/.test(p));
    if (patterns.length === 0) skipped++;
    else lines.push({ patterns, hashed: null, keyType, blob: blob! });
  });
  return { lines, revoked, unsupported, skipped };
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
