import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import { AppError } from '../../../common/result';

/** How a console reaches its server: from this machine, or as one channel on a host's pooled SSH connection. */
export type VncRoute =
  | { kind: 'direct' }
  | {
      kind: 'ssh';
      hostName: string;
      openTcp: (address: string, port: number) => Promise<Duplex>;
      openUnix: (path: string) => Promise<Duplex>;
    };

/** An open connection to the VNC server and what gives back what holds it (nothing today: see wrapSsh). */
export interface VncConnection {
  duplex: Duplex;
  release(): void;
}

/** Where the server listens: a TCP port, or a unix socket on the SSH host. */
export type VncEndpoint = { address: string; port: number } | { socket: string };

export async function openVncConnection(route: VncRoute, at: VncEndpoint, timeoutMs: number): Promise<VncConnection> {
  if ('socket' in at) {
    if (route.kind !== 'ssh') throw new AppError('invalid_input', 'a unix socket is reached through a host (via)');
    return wrapSsh(route, at.socket, () => route.openUnix(at.socket));
  }
  return route.kind === 'direct'
    ? openDirect(at.address, at.port, timeoutMs)
    : wrapSsh(route, `${at.address}:${at.port}`, () => route.openTcp(at.address, at.port));
}

function openDirect(address: string, port: number, timeoutMs: number): Promise<VncConnection> {
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

async function wrapSsh(
  route: Extract<VncRoute, { kind: 'ssh' }>,
  what: string,
  open: () => Promise<Duplex>,
): Promise<VncConnection> {
  try {
    // The SSH service releases the pooled connection's lease when the channel closes.
    return { duplex: await open(), release: () => {} };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('unreachable', `${route.hostName} cannot reach ${what}: ${(error as Error).message}`);
  }
}
