import { z } from 'zod';
import { POWER_ACTIONS } from './powerValues';

export { DESTRUCTIVE_ACTIONS, POWER_ACTIONS } from './powerValues';

/** What a BMC (or hypervisor) reports; `unknown` when it could not be asked. */
export const POWER_STATES = ['on', 'off', 'unknown'] as const;
export const PowerState = z.enum(POWER_STATES);
export type PowerState = z.infer<typeof PowerState>;

export const PowerAction = z.enum(POWER_ACTIONS);
export type PowerAction = z.infer<typeof PowerAction>;

/** The state a machine should be in once an action is done (reboot, cycle and reset end powered on). */
export const TARGET_STATE: Record<PowerAction, 'on' | 'off'> = {
  on: 'on',
  off: 'off',
  soft: 'off',
  reboot: 'on',
  cycle: 'on',
  reset: 'on',
};

export const BOOT_DEVICES = ['pxe', 'disk', 'cdrom', 'bios', 'none'] as const;
export const BootDevice = z.enum(BOOT_DEVICES);
export type BootDevice = z.infer<typeof BootDevice>;

export const DRIVER_KINDS = ['ipmi', 'redfish', 'libvirt'] as const;
export const DriverKind = z.enum(DRIVER_KINDS);
export type DriverKind = z.infer<typeof DriverKind>;
