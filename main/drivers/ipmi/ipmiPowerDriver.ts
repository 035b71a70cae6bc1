import { AppError } from '../../../common/result';
import type { BootOverride, PowerAction, PowerDriver, PowerState } from '../powerDriver';
import type { IpmiTarget } from './ipmiTarget';
import { runIpmitool, type IpmiRunOptions } from './ipmiTool';
import {
  chassisBootDevice,
  chassisControl,
  chassisIdentify,
  chassisPowerState,
  openOperatorSession,
  openOperatorSessionWithState,
} from './rmcpChassis';
import { rmcpPowerStatus, type RmcpPlusSession } from './rmcpPlus';

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

  /**
   * Opened by the first action and kept until close(): the action and the status checks that follow it (waiting
   * for the new state) share one session, as ipmipower does, instead of a session handshake each.
   */
  private session: Promise<RmcpPlusSession> | null = null;

  private operator(): Promise<RmcpPlusSession> {
    return (this.session ??= openOperatorSession(this.target, this.opts.timeouts));
  }

  async status(): Promise<PowerState> {
    // A read alone needs no OPERATOR session: rmcpPowerStatus asks for the least privilege status needs.
    if (this.direct)
      return this.session ? chassisPowerState(await this.session) : rmcpPowerStatus(this.target, this.opts.timeouts);
    const state = parsePowerStatus(await this.run(['chassis', 'power', 'status']));
    if (state === 'unknown') throw new AppError('remote_error', `${this.target.hostName}: unreadable power status`);
    return state;
  }

  /**
   * Before an action, the state is read in the OPERATOR session the action needs anyway: the privilege is the
   * action's, and the BMC sees one login, as with ipmipower. A status alone stays at USER (status() above).
   */
  async statusBeforeAction(): Promise<PowerState> {
    if (!this.direct) return this.status();
    if (this.session) return chassisPowerState(await this.session);
    const opened = openOperatorSessionWithState(this.target, this.opts.timeouts);
    this.session = opened.then((o) => o.session);
    // A failed login is reported through `opened` below; close() tolerates the rejected session.
    this.session.catch(() => undefined);
    return (await opened).state;
  }

  /** Chassis Control's nearest commands are a hard reset and a power cycle: a "reboot" must never become one. */
  refusal(action: PowerAction): string | null {
    return action === 'reboot'
      ? `${this.target.hostName}: IPMI has no graceful reboot (its chassis control only resets or power-cycles ` +
          'the machine); shut it down gracefully (soft) and power it on, or reset it (hard)'
      : null;
  }

  async power(action: PowerAction): Promise<void> {
    if (action === 'reboot') throw new AppError('unsupported', this.refusal(action)!);
    if (this.direct) return chassisControl(await this.operator(), action);
    // The contract's action and boot device names are ipmitool's own.
    await this.run(['chassis', 'power', action]);
  }

  async bootDevice(boot: BootOverride): Promise<void> {
    if (this.direct) return chassisBootDevice(await this.operator(), boot);
    await this.run(['chassis', 'bootdev', boot.device, ...(boot.persistent ? ['options=persistent'] : [])]);
  }

  async identify(seconds: number, force = false): Promise<void> {
    if (this.direct) return chassisIdentify(await this.operator(), seconds, force);
    await this.run(['chassis', 'identify', force ? 'force' : String(seconds)]);
  }

  async close(): Promise<void> {
    const session = this.session;
    this.session = null;
    await (await session?.catch(() => null))?.close();
  }
}
