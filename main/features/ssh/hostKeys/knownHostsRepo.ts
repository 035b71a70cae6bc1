import type { KnownHostKey } from '../../../../common/domain/hostKey';
import type { Db } from '../../../platform/db';

interface Row {
  id: number;
  host: string;
  port: number;
  key_type: string;
  key_base64: string;
  fingerprint: string;
  added_at: string;
  source: KnownHostKey['source'];
}

const toKey = (r: Row): KnownHostKey => ({
  id: r.id,
  host: r.host,
  port: r.port,
  keyType: r.key_type,
  keyBase64: r.key_base64,
  fingerprint: r.fingerprint,
  addedAt: r.added_at,
  source: r.source,
});

export type NewHostKey = Omit<KnownHostKey, 'id' | 'addedAt'>;

/** Pinned host keys in SQLite, one per (address, port, key type). */
export class KnownHostsRepo {
  constructor(private readonly db: Db) {}

  list(host?: string): KnownHostKey[] {
    const rows = this.db
      .prepare('SELECT * FROM known_host_keys WHERE (@host IS NULL OR host = @host) ORDER BY host, port, key_type')
      .all({ host: host ?? null }) as Row[];
    return rows.map(toKey);
  }

  forEndpoint(host: string, port: number): KnownHostKey[] {
    const rows = this.db
      .prepare('SELECT * FROM known_host_keys WHERE host = ? AND port = ? ORDER BY id')
      .all(host, port) as Row[];
    return rows.map(toKey);
  }

  /** Inserts, or replaces the key of the same type for that endpoint. */
  put(key: NewHostKey): KnownHostKey {
    const row = this.db
      .prepare(
        `INSERT INTO known_host_keys (host, port, key_type, key_base64, fingerprint, added_at, source)
         VALUES (@host, @port, @keyType, @keyBase64, @fingerprint, @addedAt, @source)
         ON CONFLICT (host, port, key_type) DO UPDATE SET key_base64 = excluded.key_base64,
           fingerprint = excluded.fingerprint, added_at = excluded.added_at, source = excluded.source
         RETURNING *`,
      )
      .get({ ...key, addedAt: new Date().toISOString() }) as Row;
    return toKey(row);
  }

  /** Removes the pinned keys of other types for an endpoint (a replaced key supersedes all of them). */
  removeOtherTypes(host: string, port: number, keepType: string): void {
    this.db
      .prepare('DELETE FROM known_host_keys WHERE host = ? AND port = ? AND key_type <> ?')
      .run(host, port, keepType);
  }

  /** Records a revoked key and drops any pin of it: it is never trusted again, for any host. */
  revoke(key: { keyType: string; keyBase64: string; fingerprint: string; source: string }): void {
    this.db
      .prepare(
        `INSERT INTO revoked_host_keys (key_base64, key_type, fingerprint, added_at, source)
         VALUES (@keyBase64, @keyType, @fingerprint, @addedAt, @source) ON CONFLICT (key_base64) DO NOTHING`,
      )
      .run({ ...key, addedAt: new Date().toISOString() });
    this.db.prepare('DELETE FROM known_host_keys WHERE key_base64 = ?').run(key.keyBase64);
  }

  isRevoked(keyBase64: string): boolean {
    return this.db.prepare('SELECT 1 FROM revoked_host_keys WHERE key_base64 = ?').get(keyBase64) !== undefined;
  }
}
