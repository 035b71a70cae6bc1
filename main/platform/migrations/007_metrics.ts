import type { Migration } from './index';

/**
 * Metric history: one row per series, tier and time block holding a packed Float32 array (raw blocks hold
 * offset/value pairs, roll-up blocks a fixed grid of averages then maxima), per-host collection settings, and the last known reachability (for
 * other processes, such as the CLI beside a running `serve`).
 */
export const metrics007: Migration = {
  version: 7,
  name: 'metrics',
  sql: `
CREATE TABLE metric_series (
  id      INTEGER PRIMARY KEY,
  host_id INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  UNIQUE (host_id, key)
);
CREATE TABLE metric_blocks (
  series_id INTEGER NOT NULL REFERENCES metric_series(id) ON DELETE CASCADE,
  tier      INTEGER NOT NULL,
  start     INTEGER NOT NULL,
  data      BLOB NOT NULL,
  PRIMARY KEY (series_id, tier, start)
) WITHOUT ROWID;
CREATE INDEX metric_blocks_by_age ON metric_blocks (tier, start);
CREATE TABLE metric_host_settings (
  host_id INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1))
);
CREATE TABLE metric_reachability (
  host_id INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  state   TEXT NOT NULL CHECK (state IN ('up', 'down', 'unknown')),
  since   TEXT,
  message TEXT NOT NULL
);
CREATE TABLE metric_settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
};
