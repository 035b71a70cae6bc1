import { AppError } from '../../../common/result';
import type { BootOverride, PowerAction, PowerDriver, PowerState } from '../powerDriver';
import type { IpmiTarget } from './ipmiTarget';
import { runIpmitool, type IpmiRunOptions } from './ipmiTool';
import { rmcpPowerStatus } from './rmcpPlus';

function parsePowerStatus(stdout: string): PowerState {
  const m = /Chassis Power is (on|off)/i.exec(stdout);
  return m ? (m[1]!.toLowerCase() as PowerState) : 'unknown';
}

/** IPMI over LAN (RMCP+): `ipmitool -I lanplus`, one process per request, and a built-in client for status. */
export class IpmiPowerDriver implements PowerDriver {
  readonly kind = 'ipmi' as const;

  constructor(
    private readonly target: IpmiTarget,
    private readonly opts: IpmiRunOptions,
  ) {}

  private run(command: string[]): Promise<string> {
    return runIpmitool(this.target, command, this.opts);
  }

  /**
   * Status is what fan-out reads from many BMCs at once: over the built-in RMCP+ client when it can (cipher suite 3,
   * BMC reachable from here), saving an ipmitool process per BMC; otherwise through ipmitool.
   */
  async status(): Promise<PowerState> {
    if (this.target.cipherSuite === 3 && !this.target.jumpHostId)
      return rmcpPowerStatus(this.target, this.opts.timeouts);
    const state = parsePowerStatus(await this.run(['chassis', 'power', 'status']));
    if (state === 'unknown') throw new AppError('remote_error', `${this.target.hostName}: unreadable power status`);
    return state;
  }

  async power(action: PowerAction): Promise<void> {
    // The contract's action and boot device names are ipmitool's own.
    await this.run(['chassis', 'power', action]);
  }

  async bootDevice({ device, persistent }: BootOverride): Promise<void> {
    await this.run(['chassis', 'bootdev', device, ...(persistent ? ['options=persistent'] : [])]);
  }

  async identify(seconds: number, force = false): Promise<void> {
    await this.run(['chassis', 'identify', force ? 'force' : String(seconds)]);
  }

  async close(): Promise<void> {}
}
