import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import type { PortForward } from '../../../common/contract/ssh';
import { AppError } from '../../../common/result';
import type { Logger } from '../../platform/log';
import type { Lease } from './connectionPool';
import { openTcpChannel } from './tcpChannel';

export interface ForwardSpec {
  hostId: number;
  hostName: string;
  bindAddress: string;
  localPort: number;
  remoteHost: string;
  remotePort: number;
}

interface ActiveForward {
  info: Omit<PortForward, 'connections'>;
  server: Server;
  sockets: Set<Socket>;
  lease: Lease;
}

/**
 * Local port forwards (ssh -L): a listener on loopback whose every TCP connection becomes a `direct-tcpip`
 * channel on the host's pooled connection. The lease is persistent, so a dropped connection is re-established
 * for the next TCP client.
 */
export class PortForwards {
  private readonly active = new Map<string, ActiveForward>();

  constructor(private readonly log: Logger) {}

  async create(spec: ForwardSpec, lease: Lease): Promise<PortForward> {
    const sockets = new Set<Socket>();
    const server = createServer((socket) => this.pipe(spec, lease, socket, sockets));
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(spec.localPort, spec.bindAddress, () => resolve());
      });
    } catch (error) {
      lease.release();
      const code = (error as NodeJS.ErrnoException).code;
      throw new AppError(
        code === 'EADDRINUSE' ? 'conflict' : 'internal',
        `cannot listen on ${spec.bindAddress}:${spec.localPort}: ${code ?? (error as Error).message}`,
      );
    }
    const address = server.address();
    const localPort = typeof address === 'object' && address ? address.port : spec.localPort;
    const id = randomUUID();
    const info = { ...spec, id, localPort };
    this.active.set(id, { info, server, sockets, lease });
    return { ...info, connections: 0 };
  }

  list(hostId?: number): PortForward[] {
    return [...this.active.values()]
      .filter((f) => hostId === undefined || f.info.hostId === hostId)
      .map((f) => ({ ...f.info, connections: f.sockets.size }));
  }

  get(id: string): PortForward | null {
    const f = this.active.get(id);
    return f ? { ...f.info, connections: f.sockets.size } : null;
  }

  stop(id: string): boolean {
    const f = this.active.get(id);
    if (!f) return false;
    this.active.delete(id);
    f.server.close();
    for (const socket of f.sockets) socket.destroy();
    f.lease.release();
    return true;
  }

  stopAll(): void {
    for (const id of [...this.active.keys()]) this.stop(id);
  }

  private pipe(spec: ForwardSpec, lease: Lease, socket: Socket, sockets: Set<Socket>): void {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    socket.pause();
    lease
      .client()
      .then(async (client) => {
        const channel = await openTcpChannel(client, spec.remoteHost, spec.remotePort, {
          address: socket.remoteAddress ?? '127.0.0.1',
          port: socket.remotePort ?? 0,
        });
        socket.pipe(channel).pipe(socket);
        channel.on('close', () => socket.destroy());
        socket.once('close', () => channel.close());
        socket.resume();
      })
      .catch((error: Error) => {
        this.log.warn('ssh forward connection failed', {
          host: spec.hostName,
          remote: `${spec.remoteHost}:${spec.remotePort}`,
          error: error.message,
        });
        socket.destroy();
      });
  }
}
