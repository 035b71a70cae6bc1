import type { Host } from '../../../../common/domain/host';
import type { Translate } from '../../i18n/i18n';
import type { MenuItem } from '../../ui/ContextMenu';
import { isVm } from '../virt/virtLogic';
import { vmStatesOf } from '../virt/vmStates';
import { isDestructive, vmActionsFor } from './vmActions';
import type { VmLifecycle } from './useVmLifecycle';

/** The VMs among hosts (what lifecycle entries act on). */
export const vmsAmong = (hosts: readonly Host[]): Host[] => hosts.filter(isVm);

/**
 * Lifecycle entries for the VMs among the chosen hosts, offered by their live states; none without a VM.
 * `ordered`: power actions follow the VMs' start order and delays (reverse when stopping).
 */
export function vmMenuItems(t: Translate, hosts: readonly Host[], lifecycle: VmLifecycle, ordered = false): MenuItem[] {
  const vms = vmsAmong(hosts);
  if (vms.length === 0 || lifecycle.busy) return [];
  const states = vmStatesOf(vms.map((h) => h.id));
  return vmActionsFor(vms.map((h) => states.get(h.id)?.state)).map((action) => ({
    label: t(`inventory.vm.${action}`),
    danger: isDestructive(action),
    onSelect: () => void lifecycle.request(action, vms, ordered),
  }));
}
