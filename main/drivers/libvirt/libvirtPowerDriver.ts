import type { PowerAction, PowerState } from '../../../common/domain/power';
import { AppError } from '../../../common/result';
import type { PowerDriver } from '../powerDriver';
import type { DomainOps } from './domainOps';

/**
 * Power for a VM through its hypervisor's libvirt: on = start, soft = ACPI shutdown, off = destroy (forced),
 * reboot = `virsh reboot` (guest agent or ACPI: the guest shuts down and libvirt starts it again), reset = reset,
 * cycle = destroy then start. Boot device and identify LED have no libvirt equivalent here.
 */
export class LibvirtPowerDriver implements PowerDriver {
  readonly kind = 'libvirt' as const;

  constructor(private readonly ops: DomainOps) {}

  status(): Promise<PowerState> {
    return this.ops.powerState();
  }

  async power(action: PowerAction): Promise<void> {
    switch (action) {
      case 'on':
        return this.ops.start();
      case 'off':
        return this.ops.destroy();
      case 'soft':
        return this.ops.shutdown();
      case 'reboot':
        return this.ops.reboot();
      case 'reset':
        return this.ops.reset();
      case 'cycle':
        await this.ops.destroy();
        return this.ops.start();
    }
  }

  bootDevice(): Promise<void> {
    return Promise.reject(new AppError('unsupported', 'the boot device of a VM is set in its libvirt XML'));
  }

  identify(): Promise<void> {
    return Promise.reject(new AppError('unsupported', 'a VM has no identify LED'));
  }

  async close(): Promise<void> {}
}
