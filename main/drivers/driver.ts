import type { Duplex } from 'node:stream';
import type { Host } from '../../common/domain/host';
import type { ByteStream } from '../platform/byteStreams';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/log';
import type { SecretSource } from '../platform/secrets/secretKeys';
import type { BmcReaderFactory } from './bmcReader';
import type { IpmiTimeouts, RemoteExec } from './ipmi/ipmiTool';
import type { PowerDriverFactory } from './powerDriver';

/** What the SSH feature lends drivers, without drivers importing it: reach what only another host can reach. */
interface DriverSsh {
  /** TCP from `hostId` to `host:port` (a BMC behind a jump host). */
  openTcp(hostId: number, host: string, port: number): Promise<Duplex>;
  /** Runs a command on `hostId` (ipmitool on the jump host when the BMC network is only reachable there). */
  exec?: RemoteExec;
  /** A long-lived command on `hostId` with a pty, as a byte stream (ipmitool's SOL console on the jump host). */
  openExecStream?(hostId: number, command: string, opts: { pty: { cols: number; rows: number } }): Promise<ByteStream>;
}

/** Everything a driver may use, handed over by the composition root (main/app/services.ts). */
export interface DriverContext {
  db: Db;
  /** Secrets by host id and purpose only (a driver cannot name another host's). */
  vault: SecretSource;
  /** Another inventory host by id (a VM's hypervisor is its parent host), without drivers importing inventory. */
  host(id: number): Host;
  log: Logger;
  ssh: DriverSsh;
  /** ipmitool's bounded timeouts (tests shorten them). */
  ipmiTimeouts?: IpmiTimeouts | undefined;
}

/** A text console the BMC offers (IPMI Serial-over-LAN); a byte stream for the terminal views. */
interface SerialConsole {
  open(host: Host, force: boolean): Promise<ByteStream & { abandon(): void; onEnd(listener: () => void): void }>;
  /** Ends whoever holds the console (another tool, a crashed session). */
  deactivate(host: Host): Promise<void>;
}

/**
 * What one out-of-band or hypervisor driver offers. Each part is optional: the power feature uses `power`, the bmc
 * feature `bmc` and `serialConsole`; a feature answers `unsupported` for a host whose driver lacks the part.
 */
export interface Driver {
  power?: PowerDriverFactory;
  bmc?: BmcReaderFactory;
  serialConsole?: SerialConsole;
  /** The BMC ends a timed identify itself (IPMI `chassis identify N`); otherwise Labvisor has to turn it off. */
  identifyTimedByBmc?: boolean;
  /** Drops what the driver keeps for a host (a kept session) after its certificate changed or it was deleted. */
  forget?(hostId: number): Promise<void> | void;
  /** Teardown at shutdown (pending timers, open sessions). */
  close?(): Promise<void> | void;
}

export type DriverModule = (ctx: DriverContext) => Driver;
