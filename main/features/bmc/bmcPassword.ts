import { AppError } from '../../../common/result';
import type { Door } from '../../../common/contract';
import type { AuditLog } from '../audit/auditLog';
import type { InventoryService } from '../inventory/inventoryService';
import type { Vault } from '../../platform/secrets/vault';
import { secretRef } from '../../platform/secrets/secretKeys';

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

/** The BMC password goes to the vault only, under the host's own id: nothing else can name it. */
export function setBmcPassword(deps: BmcSecretDeps, hostId: number, password: string, door: Door): { ref: string } {
  const { host } = bmcOf(deps, hostId);
  const key = { hostId: host.id, purpose: 'bmc-password' } as const;
  const ref = secretRef(key);
  // The vault lives in the inventory database: the secret and its audit entry commit together.
  deps.inventory.repo.transaction(() => {
    deps.vault.set(key, password);
    deps.audit.append({ door, action: 'bmc.setPassword', target: host.name, after: { ref }, result: 'ok' });
  });
  return { ref };
}

export function clearBmcPassword(deps: BmcSecretDeps, hostId: number, door: Door): { removed: boolean } {
  const { host } = bmcOf(deps, hostId);
  const key = { hostId: host.id, purpose: 'bmc-password' } as const;
  const removed = deps.inventory.repo.transaction(() => {
    const gone = deps.vault.delete(key);
    deps.audit.append({
      door,
      action: 'bmc.clearPassword',
      target: host.name,
      before: { ref: secretRef(key) },
      result: 'ok',
    });
    return gone;
  });
  return { removed };
}
