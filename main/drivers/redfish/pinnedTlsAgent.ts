import { Agent, type ClientRequest, type ClientRequestArgs } from 'node:http';
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

/** Connections kept to one BMC (iLO serves few at once). */
export const KEPT_SOCKETS = 4;

/** Decides, per connection, whether the certificate presented may carry requests; throws to refuse it. */
export type CertificateCheck = (certificate: CertificateInfo) => void;

/**
 * An HTTP agent whose every socket is TLS to the BMC, handed to HTTP only after `check` accepted the peer's
 * certificate: a request (with its Authorization header or session token) is never written to an unpinned peer.
 * A kept-alive socket is judged again before each request it carries, so a certificate un-trusted or replaced
 * meanwhile stops the socket before anything is written; the request then meets a closed socket (ECONNRESET) and
 * the client retries on the next kept socket, judged the same way, or on a new connection, judged afresh. A socket
 * whose certificate fails when a request finishes with it is closed instead of kept.
 */
export class PinnedTlsAgent extends Agent {
  private readonly certificates = new WeakMap<Duplex, CertificateInfo>();

  constructor(
    private readonly target: TlsTarget,
    private check: CertificateCheck,
  ) {
    super({ keepAlive: true, maxSockets: KEPT_SOCKETS });
  }

  /** From now on only `certificate` is accepted (a forgotten host's logout, over the certificate it logged in to). */
  trustOnly(fingerprint: string): void {
    this.check = (cert) => {
      if (cert.fingerprint !== fingerprint)
        throw new AppError('certificate_mismatch', `the BMC presented ${cert.fingerprint}, not ${fingerprint}`, cert);
    };
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
        this.certificates.set(socket, certificate);
        callback?.(null, socket);
      },
      (error: Error) => callback?.(error, undefined as unknown as Duplex),
    );
    return undefined;
  }

  override reuseSocket(socket: Duplex, request: ClientRequest): void {
    if (!this.stillTrusted(socket)) socket.destroy();
    super.reuseSocket(socket, request);
  }

  override keepSocketAlive(socket: Duplex): void {
    // Node closes, instead of keeping, a socket this answers falsy for (@types/node types the answer as void).
    if (!this.stillTrusted(socket)) return false as unknown as void;
    return super.keepSocketAlive(socket);
  }

  private stillTrusted(socket: Duplex): boolean {
    const certificate = this.certificates.get(socket);
    if (!certificate) return false;
    try {
      this.check(certificate);
      return true;
    } catch {
      return false;
    }
  }
}
