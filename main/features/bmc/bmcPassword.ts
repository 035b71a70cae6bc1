import { AppError } from '../../../common/result';
import type { Door } from '../../../common/contract';
import type { AuditLog } from '../audit/auditLog';
import type { InventoryService } from '../inventory/inventoryService';
import type { Vault } from '../../platform/secrets/vault';

export interface BmcSecretDeps {
  inventory: InventoryService;
  vault: Vault;
  audit: AuditLog;
}

function bmcOf(deps: BmcSecretDeps, hostId: number) {
  const host = deps.inventory.get(hostId);
  if (!host.bmc) throw new AppError('invalid_input', `${host.name} has no BMC configured; set its BMC address first`);
  return { host, bmc: host.bmc };
}

/** The BMC password goes to the vault only; the inventory keeps the reference (`bmc:<id>` unless one was set). */
export function setBmcPassword(deps: BmcSecretDeps, hostId: number, password: string, door: Door): { ref: string } {
  const { host, bmc } = bmcOf(deps, hostId);
  const ref = bmc.secretRef ?? `bmc:${host.id}`;
  deps.vault.set(ref, password);
  if (bmc.secretRef !== ref) deps.inventory.update(host.id, { bmc: { ...bmc, secretRef: ref } }, door);
  deps.audit.append({ door, action: 'bmc.setPassword', target: host.name, after: { ref }, result: 'ok' });
  return { ref };
}

export function clearBmcPassword(deps: BmcSecretDeps, hostId: number, door: Door): { removed: boolean } {
  const { host, bmc } = bmcOf(deps, hostId);
  const removed = bmc.secretRef ? deps.vault.delete(bmc.secretRef) : false;
  deps.audit.append({
    door,
    action: 'bmc.clearPassword',
    target: host.name,
    before: { ref: bmc.secretRef },
    result: 'ok',
  });
  return { removed };
}
