import type { Migration } from './index';

/**
 * One inventory host per libvirt domain per hypervisor: discovery matches by this pair, and the index makes a
 * duplicate impossible even if two discoveries (say the CLI and the app) race. Domain UUIDs live in the host's
 * `hypervisor` JSON, so the index is on the extracted value, and only where one is set.
 */
export const virt006: Migration = {
  version: 6,
  name: 'virt',
  sql: `
CREATE UNIQUE INDEX hosts_parent_domain_uuid
  ON hosts(parent_id, json_extract(hypervisor, '$.domainUuid'))
  WHERE json_extract(hypervisor, '$.domainUuid') IS NOT NULL;
`,
};
