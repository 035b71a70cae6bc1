import { Agent, type ClientRequestArgs } from 'node:http';
import { connect as netConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { AppError } from '../../../common/result';
import { describeCertificate, type CertificateInfo } from './peerCertificate';

/** Opens the TCP byte stream to the BMC; a jump host's SSH `forwardOut` channel when it is only reachable there. */
export type ConnectFn = (address: string, port: number) => Promise<Duplex>;

export const directConnect: ConnectFn = (address, port) =>
  new Promise((resolve, reject) => {
    const socket = netConnect({ host: address, port });
    socket.once('connect', () => {
      socket.removeListener('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });

export interface TlsTarget {
  address: string;
  port: number;
  connect: ConnectFn;
  connectTimeoutMs: number;
}

/**
 * Opens TLS to the BMC and returns the socket with the certificate it presented. BMCs present self-signed
 * certificates, so the CA chain is not checked here: the caller compares the fingerprint with its pin before
 * anything (least of all a credential) is written to the socket.
 */
export function openTls(target: TlsTarget): Promise<{ socket: TLSSocket; certificate: CertificateInfo }> {
  return new Promise((resolve, reject) => {
    let socket: TLSSocket | null = null;
    let raw: Duplex | null = null;
    const timer = setTimeout(() => {
      fail(
        new AppError('timeout', `no TLS answer from ${target.address}:${target.port} in ${target.connectTimeoutMs} ms`),
      );
    }, target.connectTimeoutMs);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      socket?.destroy();
      raw?.destroy();
      reject(toConnectError(error, target));
    };
    target.connect(target.address, target.port).then((stream) => {
      raw = stream;
      const servername = /^[\d.:]+$/.test(target.address) ? undefined : target.address;
      socket = tlsConnect({ socket: stream, servername, rejectUnauthorized: false });
      socket.once('error', fail);
      socket.once('secureConnect', () => {
        clearTimeout(timer);
        socket!.removeListener('error', fail);
        resolve({ socket: socket!, certificate: describeCertificate(socket!.getPeerCertificate()) });
      });
    }, fail);
  });
}

function toConnectError(error: unknown, target: TlsTarget): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const where = `${target.address}:${target.port}`;
  if (code === 'ETIMEDOUT') return new AppError('timeout', `connecting to ${where} timed out`);
  return new AppError('unreachable', `cannot reach the BMC at ${where}: ${code || (error as Error).message}`);
}

/** Decides, per connection, whether the certificate presented may carry requests; throws to refuse it. */
export type CertificateCheck = (certificate: CertificateInfo) => void;

/**
 * An HTTP agent whose every socket is TLS to the BMC, handed to HTTP only after `check` accepted the peer's
 * certificate: a request (with its Authorization header or session token) is never written to an unpinned peer.
 */
export class PinnedTlsAgent extends Agent {
  constructor(
    private readonly target: TlsTarget,
    private readonly check: CertificateCheck,
  ) {
    super({ keepAlive: true, maxSockets: 4 });
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): undefined {
    // Node's agent accepts the socket asynchronously through `callback`; on error it must get no socket, or the
    // request reports a generic "socket hang up" instead of our AppError.
    openTls(this.target).then(
      ({ socket, certificate }) => {
        try {
          this.check(certificate);
        } catch (error) {
          socket.destroy();
          callback?.(error as Error, undefined as unknown as Duplex);
          return;
        }
        callback?.(null, socket);
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }
}
