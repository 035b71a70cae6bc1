import type { Migration } from './index';

/**
 * Keys a known_hosts file marks `@revoked`: never pinned, and a host presenting one is refused. Kept by key,
 * whatever host the line named, since a revoked key is a leaked key wherever it shows up.
 */
export const import010: Migration = {
  version: 10,
  name: 'import',
  sql: `
CREATE TABLE revoked_host_keys (
  key_base64  TEXT PRIMARY KEY,
  key_type    TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  source      TEXT NOT NULL
);
`,
};
