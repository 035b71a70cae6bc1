import { AppError } from '../../../common/result';
import type { BootOverride, PowerAction, PowerDriver, PowerState } from '../powerDriver';
import type { RedfishClient } from './redfishClient';
import { forgetDiscovery, sharedDiscovery, type RedfishDiscovery } from './redfishDiscovery';
import { resetPlan } from './resetTypes';

const BOOT_TARGETS: Record<BootOverride['device'], string> = {
  pxe: 'Pxe',
  disk: 'Hdd',
  cdrom: 'Cd',
  bios: 'BiosSetup',
  none: 'None',
};

export interface RedfishDriverOptions {
  /**
   * How long a composite action (ForceOff then On) waits for the machine to be off when the caller gives no
   * deadline, and how often it looks.
   */
  offWaitMs?: number;
  pollMs?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Maps Redfish's PowerState; a machine on its way down still draws power, one on its way up does not yet. */
function powerStateOf(value: unknown): PowerState {
  if (value === 'On' || value === 'PoweringOff') return 'on';
  if (value === 'Off' || value === 'PoweringOn') return 'off';
  return 'unknown';
}

/** Power through a Redfish BMC (HPE iLO 4 / iLO 5, generic DMTF services) via `ComputerSystem.Reset`. */
export class RedfishPowerDriver implements PowerDriver {
  readonly kind = 'redfish' as const;

  constructor(
    private readonly client: RedfishClient,
    private readonly opts: RedfishDriverOptions = {},
    /** Turns the identify LED off after `afterMs` (null: cancel), beyond this driver's life (it is closed at once). */
    private readonly scheduleLedOff: (afterMs: number | null) => void = () => undefined,
    /** Ends this driver's use of the client: logs out, unless the client (and its session) is shared. */
    private readonly release: () => Promise<void> = () => this.client.close(),
  ) {}

  /** The client's discovery, made once per session and shared with the BMC reader when the client is. */
  discovery(): Promise<RedfishDiscovery> {
    return sharedDiscovery(this.client);
  }

  async status(): Promise<PowerState> {
    const { systemPath } = await this.discovery();
    try {
      return powerStateOf((await this.client.get(systemPath)).PowerState);
    } catch (error) {
      forgetDiscovery(this.client);
      throw error;
    }
  }

  async power(action: PowerAction, opts: { deadline?: number } = {}): Promise<void> {
    const d = await this.discovery();
    if (!d.resetTarget) throw new AppError('unsupported', 'the BMC offers no ComputerSystem.Reset action');
    const plan = resetPlan(action, d.resetTypes);
    // Already there: iLO refuses On when on and ForceOff when off, and a PushPowerButton (a toggle) "soft off"
    // of an off machine would start it.
    const already = action === 'on' ? 'on' : action === 'off' || action === 'soft' ? 'off' : null;
    if (already && (await this.status()) === already) return;
    if (plan.length > 1 && (await this.status()) === 'off') {
      await this.reset(d.resetTarget, plan.at(-1)!);
      return;
    }
    for (const [i, resetType] of plan.entries()) {
      await this.reset(d.resetTarget, resetType);
      if (i < plan.length - 1) await this.waitUntilOff(opts.deadline);
    }
  }

  async bootDevice(override: BootOverride): Promise<void> {
    const { systemPath } = await this.discovery();
    const target = BOOT_TARGETS[override.device];
    const enabled = override.device === 'none' ? 'Disabled' : override.persistent ? 'Continuous' : 'Once';
    await this.client.patchResource(systemPath, (system) => {
      const boot = (system.Boot ?? {}) as Record<string, unknown>;
      const allowed = boot['BootSourceOverrideTarget@Redfish.AllowableValues'];
      if (Array.isArray(allowed) && !allowed.includes(target))
        throw new AppError('unsupported', `the BMC does not offer boot override to ${target}`);
      // Sent back as it is: Supermicro resets an omitted mode to Legacy, and a UEFI install then fails to boot.
      const mode = typeof boot.BootSourceOverrideMode === 'string' ? boot.BootSourceOverrideMode : undefined;
      return {
        Boot: {
          BootSourceOverrideTarget: target,
          BootSourceOverrideEnabled: enabled,
          ...(mode ? { BootSourceOverrideMode: mode } : {}),
        },
      };
    });
  }

  async identify(seconds: number, force = false): Promise<void> {
    const { systemPath } = await this.discovery();
    const on = force || seconds > 0;
    // The boolean LocationIndicatorActive replaces the deprecated IndicatorLED; services with both take either.
    await this.client.patchResource(systemPath, (system) =>
      'LocationIndicatorActive' in system || !('IndicatorLED' in system)
        ? { LocationIndicatorActive: on }
        : { IndicatorLED: on ? 'Lit' : 'Off' },
    );
    this.scheduleLedOff(on && !force ? seconds * 1000 : null);
  }

  close(): Promise<void> {
    return this.release();
  }

  private async reset(target: string, resetType: string): Promise<void> {
    await this.client.post(target, { ResetType: resetType });
  }

  private async waitUntilOff(deadline = Date.now() + (this.opts.offWaitMs ?? 120_000)): Promise<void> {
    const { systemPath } = await this.discovery();
    for (;;) {
      if ((await this.client.get(systemPath)).PowerState === 'Off') return;
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(this.opts.pollMs ?? 500, left));
    }
    throw new AppError('timeout', 'the machine did not power off in the time given, so it was not powered on again');
  }
}
