import type { Migration } from './index';

/**
 * The inventory is read in pages ordered by layer, then name (`HostRepo.page`, the hosts view's streaming load):
 * without an index on that order every page scanned and sorted the whole table (~2–4 ms a page at 10,000
 * hosts). `name` keeps its column collation (NOCASE), the one `ORDER BY layer, name` sorts by, so SQLite walks
 * the index instead of sorting.
 */
export const hosts014: Migration = {
  version: 14,
  name: 'hosts page order',
  sql: `
CREATE INDEX hosts_by_layer_name ON hosts(layer, name);
`,
};
