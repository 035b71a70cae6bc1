import { AppError } from '../../../common/result';
import type { BootOverride, PowerAction, PowerDriver, PowerState } from '../powerDriver';
import type { IpmiTarget } from './ipmiTarget';
import { runIpmitool, type IpmiRunOptions } from './ipmiTool';
import { rmcpBootDevice, rmcpChassisControl, rmcpIdentify } from './rmcpChassis';
import { rmcpPowerStatus } from './rmcpPlus';

function parsePowerStatus(stdout: string): PowerState {
  const m = /Chassis Power is (on|off)/i.exec(stdout);
  return m ? (m[1]!.toLowerCase() as PowerState) : 'unknown';
}

/**
 * IPMI over LAN (RMCP+): a built-in client for what bulk actions do to many BMCs at once (status, power, boot
 * device, identify) where it speaks the BMC's terms (cipher suite 3, reachable from here); `ipmitool -I lanplus`,
 * one process per request, for everything else and for BMCs behind a jump host.
 */
export class IpmiPowerDriver implements PowerDriver {
  readonly kind = 'ipmi' as const;

  constructor(
    private readonly target: IpmiTarget,
    private readonly opts: IpmiRunOptions,
  ) {}

  private run(command: string[]): Promise<string> {
    return runIpmitool(this.target, command, this.opts);
  }

  /** The built-in client saves an ipmitool process per BMC: cipher suite 3 only, and not through a jump host. */
  private get direct(): boolean {
    return this.target.cipherSuite === 3 && !this.target.jumpHostId;
  }

  async status(): Promise<PowerState> {
    if (this.direct) return rmcpPowerStatus(this.target, this.opts.timeouts);
    const state = parsePowerStatus(await this.run(['chassis', 'power', 'status']));
    if (state === 'unknown') throw new AppError('remote_error', `${this.target.hostName}: unreadable power status`);
    return state;
  }

  async power(action: PowerAction): Promise<void> {
    if (this.direct) return rmcpChassisControl(this.target, this.opts.timeouts, action);
    // The contract's action and boot device names are ipmitool's own.
    await this.run(['chassis', 'power', action]);
  }

  async bootDevice(boot: BootOverride): Promise<void> {
    if (this.direct) return rmcpBootDevice(this.target, this.opts.timeouts, boot);
    await this.run(['chassis', 'bootdev', boot.device, ...(boot.persistent ? ['options=persistent'] : [])]);
  }

  async identify(seconds: number, force = false): Promise<void> {
    if (this.direct) return rmcpIdentify(this.target, this.opts.timeouts, seconds, force);
    await this.run(['chassis', 'identify', force ? 'force' : String(seconds)]);
  }

  async close(): Promise<void> {}
}
