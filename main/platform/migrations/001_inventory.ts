import type { Migration } from './index';

export const inventory001: Migration = {
  version: 1,
  name: 'inventory',
  sql: `
CREATE TABLE hosts (
  id                INTEGER PRIMARY KEY,
  name              TEXT NOT NULL COLLATE NOCASE UNIQUE,
  kind              TEXT NOT NULL CHECK (kind IN ('physical', 'vm', 'container', 'device')),
  layer             INTEGER NOT NULL DEFAULT 0,
  parent_id         INTEGER REFERENCES hosts(id) ON DELETE SET NULL,
  cluster           TEXT,
  role              TEXT,
  idx               INTEGER,
  arch              TEXT,
  cpus              REAL,
  memory_gib        REAL,
  disk_gib          REAL,
  disk_type         TEXT,
  numa              TEXT,
  notes             TEXT NOT NULL DEFAULT '',
  tags              TEXT NOT NULL DEFAULT '[]',
  addresses         TEXT NOT NULL DEFAULT '[]',
  aliases           TEXT NOT NULL DEFAULT '[]',
  protected         INTEGER NOT NULL DEFAULT 0,
  ssh_user          TEXT,
  ssh_port          INTEGER,
  ssh_jump_host_id  INTEGER REFERENCES hosts(id) ON DELETE SET NULL,
  ssh_auth_ref      TEXT,
  ssh_identity_file TEXT,
  bmc               TEXT,
  bmc_jump_host_id  INTEGER REFERENCES hosts(id) ON DELETE SET NULL,
  hypervisor        TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX hosts_parent ON hosts(parent_id);
CREATE INDEX hosts_cluster ON hosts(cluster);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  door    TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT,
  before  TEXT,
  after   TEXT,
  result  TEXT NOT NULL CHECK (result IN ('ok', 'error')),
  message TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_target ON audit_log(target);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
};
