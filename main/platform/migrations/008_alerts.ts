import type { Migration } from './index';

/**
 * Alert rules (with lab defaults) and the alerts they raise: pending → firing → resolved, acknowledged by a
 * person. One open alert per rule, host and label at a time. Ids are never reused: an event or an audit entry
 * naming a deleted rule or alert cannot be mistaken for a newer one.
 */
export const alerts008: Migration = {
  version: 8,
  name: 'alerts',
  sql: `
CREATE TABLE alert_rules (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('unreachable', 'threshold', 'vmState', 'bmc')),
  metric      TEXT,
  op          TEXT CHECK (op IN ('above', 'below')),
  threshold   REAL,
  for_sec     INTEGER NOT NULL DEFAULT 0 CHECK (for_sec >= 0),
  scope       TEXT NOT NULL DEFAULT '{}',
  quiet_hours TEXT,
  enabled     INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1))
);
INSERT INTO alert_rules (name, kind, metric, op, threshold, for_sec) VALUES
  ('Host unreachable', 'unreachable', NULL, NULL, NULL, 300),
  ('CPU busy', 'threshold', 'cpu.percent', 'above', 90, 600),
  ('Memory nearly full', 'threshold', 'mem.percent', 'above', 90, 600),
  ('Filesystem nearly full', 'threshold', 'fs.usedPercent', 'above', 90, 300),
  ('VM stopped unexpectedly', 'vmState', 'vm.state', NULL, NULL, 0),
  ('BMC health', 'bmc', NULL, NULL, NULL, 0);
CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  rule_id         INTEGER NOT NULL REFERENCES alert_rules(id) ON DELETE CASCADE,
  host_id         INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
  label           TEXT NOT NULL DEFAULT '',
  state           TEXT NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  value           REAL,
  message         TEXT NOT NULL,
  started_at      TEXT NOT NULL,
  fired_at        TEXT,
  resolved_at     TEXT,
  acknowledged_at TEXT
);
CREATE INDEX alerts_open ON alerts (state) WHERE state <> 'resolved';
CREATE INDEX alerts_by_time ON alerts (started_at);
`,
};
