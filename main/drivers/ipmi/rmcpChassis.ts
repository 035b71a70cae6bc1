import type { BootOverride, PowerAction } from '../powerDriver';
import type { IpmiTarget } from './ipmiTarget';
import type { IpmiTimeouts } from './ipmiTool';
import { RmcpPlusSession } from './rmcpPlus';

/*
 * Chassis commands over the built-in RMCP+ client (IPMI v2.0 section 28), so that powering, booting or
 * identifying 64 BMCs at once costs 64 UDP exchanges, not 64 ipmitool processes. Each asks for OPERATOR
 * privilege, the least these commands need (IPMI v2.0 table G-1). The byte values are the spec's, and match
 * what ipmitool sends for the same words.
 */
const NETFN_CHASSIS = 0x00;
const CMD = { status: 0x01, control: 0x02, identify: 0x04, setBootOptions: 0x08 };
const PRIV_OPERATOR = 0x03;
const NETFN_APP = 0x06;
const CMD_SET_SESSION_PRIVILEGE = 0x3b;

/** The actions IPMI's Chassis Control carries out; it has no graceful restart (`reboot`). */
export type ChassisAction = Exclude<PowerAction, 'reboot'>;

/** Chassis Control data byte (table 28-4): power down, up, cycle, hard reset, soft shutdown (ACPI). */
const CONTROL: Record<ChassisAction, number> = { off: 0x00, on: 0x01, cycle: 0x02, reset: 0x03, soft: 0x05 };

/** Boot flags byte 2, device selector in bits 5:2 (table 28-14, parameter 5). */
const BOOT_DEVICE: Record<BootOverride['device'], number> = {
  none: 0x00,
  pxe: 0x04,
  disk: 0x08,
  cdrom: 0x14,
  bios: 0x18,
};
const BOOT_PARAM = { infoAck: 0x04, flags: 0x05 };

/** A session at OPERATOR level; the caller closes it (one session carries a whole action and its checks). */
export async function openOperatorSession(target: IpmiTarget, timeouts: IpmiTimeouts): Promise<RmcpPlusSession> {
  const session = new RmcpPlusSession(target, timeouts, PRIV_OPERATOR);
  try {
    await session.open();
    // A session starts at USER level whatever its maximum (IPMI v2.0 section 6.8): raise it for these commands.
    await session.request(NETFN_APP, CMD_SET_SESSION_PRIVILEGE, [PRIV_OPERATOR]);
    return session;
  } catch (error) {
    await session.close();
    throw error;
  }
}

/**
 * An OPERATOR session and the power state read in it, the read sent right behind Set Session Privilege rather
 * than after its answer (Get Chassis Status needs only USER, the level every session starts at): one round trip
 * fewer per BMC, as ipmipower's exchange has. Both are answered before this resolves, so nothing sent next (a
 * chassis control) can overtake the state it is judged against.
 */
export async function openOperatorSessionWithState(
  target: IpmiTarget,
  timeouts: IpmiTimeouts,
): Promise<{ session: RmcpPlusSession; state: 'on' | 'off' }> {
  const session = new RmcpPlusSession(target, timeouts, PRIV_OPERATOR);
  try {
    await session.open();
    const [raised, state] = await Promise.allSettled([
      session.request(NETFN_APP, CMD_SET_SESSION_PRIVILEGE, [PRIV_OPERATOR]),
      chassisPowerState(session),
    ]);
    if (raised.status === 'rejected') throw raised.reason;
    if (state.status === 'rejected') throw state.reason;
    return { session, state: state.value };
  } catch (error) {
    await session.close();
    throw error;
  }
}

/** Get Chassis Status (cmd 0x01): bit 0 of the first byte is the power state. */
export async function chassisPowerState(s: RmcpPlusSession): Promise<'on' | 'off'> {
  const data = await s.request(NETFN_CHASSIS, CMD.status);
  return (data[0]! & 1) === 1 ? 'on' : 'off';
}

export async function chassisControl(s: RmcpPlusSession, action: ChassisAction): Promise<void> {
  await s.request(NETFN_CHASSIS, CMD.control, [CONTROL[action]]);
}

/** Next boot from `device`, once or for every boot (as `ipmitool chassis bootdev DEVICE [options=persistent]`). */
export async function chassisBootDevice(s: RmcpPlusSession, boot: BootOverride): Promise<void> {
  // Clear the boot-info acknowledgements first, so BIOS/BMC treat the new flags as unread.
  await s.request(NETFN_CHASSIS, CMD.setBootOptions, [BOOT_PARAM.infoAck, 0x01, 0x01]);
  const valid = 0x80 | (boot.persistent ? 0x40 : 0);
  await s.request(NETFN_CHASSIS, CMD.setBootOptions, [BOOT_PARAM.flags, valid, BOOT_DEVICE[boot.device], 0, 0, 0]);
}

/** The identify LED for `seconds` (0 turns it off), or on until turned off with `force`. */
export async function chassisIdentify(s: RmcpPlusSession, seconds: number, force: boolean): Promise<void> {
  await s.request(NETFN_CHASSIS, CMD.identify, force ? [0, 1] : [seconds & 0xff]);
}
