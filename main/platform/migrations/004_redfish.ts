import type { Migration } from './index';

/** Pinned Redfish BMC certificates, one per host (trust on first use). */
export const redfish004: Migration = {
  version: 4,
  name: 'redfish',
  sql: `
CREATE TABLE redfish_certificates (
  host_id     INTEGER PRIMARY KEY REFERENCES hosts(id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  subject     TEXT NOT NULL,
  issuer      TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_to    TEXT NOT NULL,
  pinned_at   TEXT NOT NULL
);
`,
};
