import type { Migration } from './index';

/**
 * Keys a known_hosts file marks `@revoked`: never pinned, and a host presenting one is refused. Kept by key,
 * whatever host the line named, since a revoked key is a leaked key wherever it shows up. And the further
 * IdentityFiles of a host (ssh_config lists several; ssh tries them in order), as a JSON array.
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
ALTER TABLE hosts ADD COLUMN ssh_more_identity_files TEXT NOT NULL DEFAULT '[]';
`,
};
