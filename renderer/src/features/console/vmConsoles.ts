import type { VmRow } from '../../../../common/contract/virt';
import type { VncTarget } from '../../../../common/contract/console';
import type { Host } from '../../../../common/domain/host';
import type { SerialSpec } from './consolesStore';

/** States in which a domain has a QEMU process, hence a screen and a serial line to attach to. */
const LIVE = new Set(['running', 'idle', 'paused', 'in shutdown']);

/** Why a VM's screen cannot be opened (an i18n key and its values), or null when it can. */
export function screenBlocked(
  vm: Pick<VmRow, 'graphics' | 'state'>,
): { key: string; vars?: Record<string, string> } | null {
  if (!vm.graphics.some((g) => g.type === 'vnc')) {
    const others = vm.graphics.map((g) => g.type);
    return others.length
      ? { key: 'console.vm.otherGraphics', vars: { types: others.join(', ') } }
      : { key: 'console.vm.noGraphics' };
  }
  return LIVE.has(vm.state) ? null : { key: 'console.vm.notRunning' };
}

export function serialBlocked(vm: Pick<VmRow, 'serials' | 'state'>): { key: string } | null {
  if (vm.serials.length === 0) return { key: 'console.vm.noSerial' };
  return LIVE.has(vm.state) ? null : { key: 'console.vm.notRunning' };
}

/**
 * How main finds the VM: an inventory VM by its id, else the domain (by UUID, which no rename changes) on the
 * hypervisor; main reads the live port, listen address or socket at every connect.
 */
export function vmScreenTarget(vm: Pick<VmRow, 'hostId' | 'uuid'>, hypervisor: Pick<Host, 'id'>): VncTarget {
  return vm.hostId !== null ? { vm: vm.hostId } : { domain: vm.uuid, via: hypervisor.id };
}

export function vmSerialSpec(
  vm: Pick<VmRow, 'hostId' | 'uuid'>,
  hypervisor: Pick<Host, 'id' | 'hypervisor'>,
): SerialSpec {
  if (vm.hostId !== null) return { vm: vm.hostId };
  return { domain: vm.uuid, via: hypervisor.id, uri: hypervisor.hypervisor?.libvirtUri ?? undefined };
}
