import type { Migration } from './index';

/**
 * Issue 8 (hostile input):
 * - Secret references are no longer stored: the server derives them from the host id and purpose
 *   (main/platform/secrets/secretKeys.ts), so an import or an API call can no longer point one host at
 *   another's password. Hosts that pointed elsewhere now use their own secret (set it again if needed).
 * - The vault's sealed entries move into SQLite, where concurrent writers are serialised by transactions.
 * - The audit log refuses INSERT OR REPLACE over an existing id and carries a hash chain.
 */
export const security005: Migration = {
  version: 5,
  name: 'security',
  sql: `
ALTER TABLE hosts DROP COLUMN ssh_auth_ref;
UPDATE hosts SET bmc = json_remove(bmc, '$.secretRef') WHERE bmc IS NOT NULL;

CREATE TABLE vault_entries (
  ref        TEXT PRIMARY KEY,
  iv         TEXT NOT NULL,
  tag        TEXT NOT NULL,
  data       TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
  WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
ALTER TABLE audit_log ADD COLUMN hash TEXT;
`,
};
