import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { AppError } from '../../../common/result';
import type { Lease } from '../ssh/connectionPool';
import type { DuplexSource } from './duplexStream';

/** How a console reaches its server: from this machine, or as one channel on a host's pooled SSH connection. */
export type VncRoute = { kind: 'direct' } | { kind: 'ssh'; hostName: string; lease: () => Lease };

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
  const lease = route.lease();
  try {
    const client = await lease.client();
    const channel = await new Promise<Duplex>((resolve, reject) =>
      client.forwardOut('127.0.0.1', 0, address, port, (error, ch) =>
        error
          ? reject(new AppError('unreachable', `${route.hostName} cannot reach ${address}:${port}: ${error.message}`))
          : resolve(ch),
      ),
    );
    return { duplex: channel, release: () => lease.release(), onLost: (l) => lease.onLost(l) };
  } catch (error) {
    lease.release();
    throw error;
  }
}
