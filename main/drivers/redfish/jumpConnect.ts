import type { Duplex } from 'node:stream';
import type { ConnectFn } from './pinnedTlsAgent';

/** What the SSH feature offers drivers: TCP from a host to an address only it can reach. */
export interface TcpTunnel {
  openTcp(hostId: number, host: string, port: number): Promise<Duplex>;
}

/** TCP to a BMC that only a jump host can reach: a `direct-tcpip` channel on the jump host's pooled SSH connection. */
export function connectThroughJump(ssh: TcpTunnel, jumpHostId: number): ConnectFn {
  return (address, port) => ssh.openTcp(jumpHostId, address, port);
}
