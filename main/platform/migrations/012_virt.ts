import type { Migration } from './index';

/**
 * Per-host start order and delays, like Proxmox's startup order: hosts with an order start lowest first (the
 * same order together) and stop in reverse; `up_delay_sec` is the pause after a host started before the next
 * order starts, `down_delay_sec` the pause after it stopped before the next (lower) order stops. A host without
 * a row has no order. Its own table: the inventory row stays the inventory's, and deleting a host drops its row.
 */
export const virt012: Migration = {
  version: 12,
  name: 'virt start order',
  sql: `
CREATE TABLE host_startup (
  host_id        INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  start_order    INTEGER,
  up_delay_sec   INTEGER NOT NULL DEFAULT 0,
  down_delay_sec INTEGER NOT NULL DEFAULT 0
);
`,
};
