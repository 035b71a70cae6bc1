import type { Host } from '../../../../common/domain/host';
import { nameLookup } from './hostReferences';

const LABVISOR_JSON_FORMAT = 'labvisor-inventory';

/** Every user-settable field; references by name (`parentName`, `jumpHostName`, `bmcJumpHostName`), no ids. */
export function exportJson(hosts: readonly Host[]): string {
  const nameOf = nameLookup(hosts);
  const out = hosts.map((h) => {
    const { id: _id, createdAt: _c, updatedAt: _u, parentId, ssh, bmc, ...rest } = h;
    const { jumpHostId, ...sshRest } = ssh;
    return {
      ...rest,
      parentName: nameOf(parentId),
      ssh: sshRest,
      jumpHostName: nameOf(jumpHostId),
      bmc: bmc && (({ jumpHostId: _j, ...b }) => b)(bmc),
      bmcJumpHostName: nameOf(bmc?.jumpHostId),
    };
  });
  return JSON.stringify({ format: LABVISOR_JSON_FORMAT, version: 1, hosts: out }, null, 2) + '\n';
}
