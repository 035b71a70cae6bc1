import type { Migration } from './index';

export const ssh002: Migration = {
  version: 2,
  name: 'ssh',
  sql: `
CREATE TABLE known_host_keys (
  id          INTEGER PRIMARY KEY,
  host        TEXT NOT NULL COLLATE NOCASE,
  port        INTEGER NOT NULL,
  key_type    TEXT NOT NULL,
  key_base64  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  source      TEXT NOT NULL CHECK (source IN ('user', 'known_hosts')),
  UNIQUE (host, port, key_type)
);
`,
};
