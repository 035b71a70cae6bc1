import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { AppError } from '../../../common/result';
import type { DuplexSource } from './duplexStream';

/** How a console reaches its server: from this machine, or as one channel on a host's pooled SSH connection. */
export type VncRoute =
  { kind: 'direct' } | { kind: 'ssh'; hostName: string; openTcp: (address: string, port: number) => Promise<Duplex> };

export async function openTcp(
  route: VncRoute,
  address: string,
  port: number,
  timeoutMs: number,
): Promise<DuplexSource> {
  return route.kind === 'direct' ? openDirect(address, port, timeoutMs) : openThroughSsh(route, address, port);
}
function openDirect(address: string, port: number, timeoutMs: number): Promise<DuplexSource> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: address, port, timeout: timeoutMs });
    socket.setNoDelay(true);
    const fail = (error: AppError) => {
      socket.destroy();
      reject(error);
    };
    socket.once('timeout', () =>
      fail(new AppError('timeout', `${address}:${port} did not answer in ${timeoutMs / 1000}s`)),
    );
    socket.once('error', (e: NodeJS.ErrnoException) =>
      fail(new AppError('unreachable', `cannot reach ${address}:${port}: ${e.code ?? e.message}`)),
    );
    socket.once('connect', () => {
      socket.removeAllListeners('timeout');
      socket.removeAllListeners('error');
      socket.setTimeout(0);
      resolve({ duplex: socket, release: () => {} });
    });
  });
}

async function openThroughSsh(
  route: Extract<VncRoute, { kind: 'ssh' }>,
  address: string,
  port: number,
): Promise<DuplexSource> {
  try {
    // The SSH service releases the pooled connection's lease when the channel closes.
    return { duplex: await route.openTcp(address, port), release: () => {} };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unreachable', `${route.hostName} cannot reach ${address}:${port}: ${(error as Error).message}`);
  }
}
