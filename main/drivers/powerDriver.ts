import type { Host } from '../../common/domain/host';
import type { BootDevice, DriverKind, PowerAction, PowerState } from '../../common/domain/power';

export type { PowerAction, PowerState } from '../../common/domain/power';

export interface BootOverride {
  device: BootDevice;
  /** Once (next boot only) or persistent. */
  persistent: boolean;
}

/**
 * One power model for every machine: an IPMI BMC, a Redfish BMC (iLO 4/5, generic DMTF), or a VM's hypervisor
 * (libvirt). `off` is forced; `soft` is a graceful (ACPI) shutdown. Each method resolves once the BMC has
 * accepted the request; the power service polls `status` until the target state is reached.
 * Failures are `AppError`s: `auth_failed` (wrong credentials), `unreachable`/`timeout` (dead BMC, within the
 * driver's bounded timeout), `unsupported`, `remote_error` (the BMC refused).
 */
export interface PowerDriver {
  readonly kind: DriverKind;
  status(): Promise<PowerState>;
  /**
   * The state read right before an action. A driver that must log in with more privilege for the action may
   * read it over that login (one session per host, not a status session and then an action session); without
   * this, `status()` is used.
   */
  statusBeforeAction?(): Promise<PowerState>;
  /** Why this driver can never carry out `action` (checked before the BMC is contacted), or null. */
  refusal?(action: PowerAction): string | null;
  /**
   * `deadline` (epoch ms) bounds a composite action (off, wait until off, on) on a BMC without a one-step cycle:
   * the caller's `--wait` covers the whole of it.
   */
  power(action: PowerAction, opts?: { deadline?: number }): Promise<void>;
  bootDevice(override: BootOverride): Promise<void>;
  /** Identify LED on for `seconds` (0 = off); `force` keeps it on until turned off. */
  identify(seconds: number, force?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** Builds the driver for a host from its inventory entry; secrets come from the vault by reference. */
export type PowerDriverFactory = (host: Host) => PowerDriver;
