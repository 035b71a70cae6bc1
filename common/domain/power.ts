import { z } from 'zod';

/** What a BMC (or hypervisor) reports; `unknown` when it could not be asked. */
export const POWER_STATES = ['on', 'off', 'unknown'] as const;
export const PowerState = z.enum(POWER_STATES);
export type PowerState = z.infer<typeof PowerState>;

/** `off` is forced (pulls the plug); `soft` is a graceful ACPI shutdown; `cycle` is off then on; `reset` is warm. */
export const POWER_ACTIONS = ['on', 'off', 'soft', 'cycle', 'reset'] as const;
export const PowerAction = z.enum(POWER_ACTIONS);
export type PowerAction = z.infer<typeof PowerAction>;

/** Actions that interrupt a running machine: they need a confirmation naming the hosts. */
export const DESTRUCTIVE_ACTIONS: readonly PowerAction[] = ['off', 'soft', 'cycle', 'reset'];

/** The state a machine should be in once an action is done (cycle and reset end powered on). */
export const TARGET_STATE: Record<PowerAction, 'on' | 'off'> = {
  on: 'on',
  off: 'off',
  soft: 'off',
  cycle: 'on',
  reset: 'on',
};

export const BOOT_DEVICES = ['pxe', 'disk', 'cdrom', 'bios', 'none'] as const;
export const BootDevice = z.enum(BOOT_DEVICES);
export type BootDevice = z.infer<typeof BootDevice>;

export const DRIVER_KINDS = ['ipmi', 'redfish', 'libvirt'] as const;
export const DriverKind = z.enum(DRIVER_KINDS);
export type DriverKind = z.infer<typeof DriverKind>;
