import type { DriverContext, Driver } from '../driver';
import { IpmiBmcReader } from './ipmiBmcReader';
import { IpmiPowerDriver } from './ipmiPowerDriver';
import { deactivateSol, openIpmiSol } from './ipmiSolStream';
import { ipmiTargetFor } from './ipmiTarget';
import { DEFAULT_IPMI_TIMEOUTS, type IpmiRunOptions } from './ipmiTool';

/** IPMI over LAN with ipmitool (and our RMCP+ client): power, sensors, the event log and Serial-over-LAN. */
export function ipmiDriver(ctx: DriverContext): Driver {
  const options: IpmiRunOptions = {
    timeouts: ctx.ipmiTimeouts ?? DEFAULT_IPMI_TIMEOUTS,
    remoteExec: ctx.ssh.exec ?? null,
    remoteStream: ctx.ssh.openExecStream
      ? (hostId, command) => ctx.ssh.openExecStream!(hostId, command, { pty: { cols: 80, rows: 24 } })
      : null,
  };
  return {
    identifyTimedByBmc: true,
    power: (host) => new IpmiPowerDriver(ipmiTargetFor(host, ctx.vault), options),
    bmc: (host) => new IpmiBmcReader(ipmiTargetFor(host, ctx.vault), options),
    serialConsole: {
      open: (host, force) => openIpmiSol(ipmiTargetFor(host, ctx.vault), options, force),
      deactivate: (host) => deactivateSol(ipmiTargetFor(host, ctx.vault), options),
    },
  };
}
