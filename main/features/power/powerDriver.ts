import type { Host } from '../../../common/domain/host';

export type PowerState = 'on' | 'off' | 'unknown';
export type PowerAction = 'on' | 'off' | 'soft' | 'cycle' | 'reset';
export type BootDevice = 'pxe' | 'disk' | 'cdrom' | 'bios' | 'none';

export interface BootOverride {
  device: BootDevice;
  /** Once (next boot only) or persistent. */
  persistent: boolean;
}

/**
 * One power model for every machine: an IPMI BMC, a Redfish BMC (iLO 4/5, generic DMTF), or a VM's hypervisor
 * (libvirt). `off` is forced; `soft` is a graceful (ACPI) shutdown. Each method resolves once the BMC has
 * accepted the request; the power service polls `status` until the target state is reached.
 */
export interface PowerDriver {
  readonly kind: 'ipmi' | 'redfish' | 'libvirt';
  status(): Promise<PowerState>;
  power(action: PowerAction): Promise<void>;
  bootDevice(override: BootOverride): Promise<void>;
  /** Identify LED on for `seconds` (0 = off); `force` keeps it on until turned off. */
  identify(seconds: number, force?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Builds the driver for a host from its inventory entry; secrets come from the vault by reference. */
export type PowerDriverFactory = (host: Host) => PowerDriver;
