import type { Duplex } from 'node:stream';
import { AppError } from '../../../common/result';

/**
 * Reads exact byte counts from a socket or SSH channel during a handshake, with one deadline for the whole
 * exchange. `detach()` hands back whatever arrived beyond what was read, so nothing is lost when the caller
 * switches the connection to plain forwarding.
 */
export class ByteReader {
  private buffered = Buffer.alloc(0);
  private waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly onData = (chunk: Buffer) => {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    this.deliver();
  };
  private readonly onClose = () => this.fail(new AppError('remote_error', `${this.label} closed the connection`));
  private readonly onError = (e: Error) => this.fail(new AppError('unreachable', `${this.label}: ${e.message}`));

  constructor(
    private readonly duplex: Duplex,
    private readonly label: string,
    timeoutMs: number,
  ) {
    duplex.on('data', this.onData);
    duplex.once('close', this.onClose);
    duplex.once('end', this.onClose);
    duplex.once('error', this.onError);
    this.timer = setTimeout(
      () => this.fail(new AppError('timeout', `${label} did not answer the VNC handshake in ${timeoutMs / 1000}s`)),
      timeoutMs,
    );
  }

  read(n: number): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { n, resolve, reject };
      this.deliver();
    });
  }

  async u8(): Promise<number> {
    return (await this.read(1))[0]!;
  }

  async u32(): Promise<number> {
    return (await this.read(4)).readUInt32BE(0);
  }

  /** A length-prefixed string (reasons, names), bounded so a hostile server cannot make us allocate gigabytes. */
  async text(max = 64 * 1024): Promise<string> {
    const length = await this.u32();
    if (length > max) throw new AppError('remote_error', `${this.label} sent a ${length}-byte string`);
    return (await this.read(length)).toString('latin1');
  }

  /** Stops reading: the caller takes over the connection; returns the bytes not yet consumed. */
  detach(): Buffer {
    clearTimeout(this.timer);
    this.duplex.off('data', this.onData);
    this.duplex.off('close', this.onClose);
    this.duplex.off('end', this.onClose);
    this.duplex.off('error', this.onError);
    this.duplex.pause();
    return this.buffered;
  }

  private deliver(): void {
    const w = this.waiting;
    if (!w || this.buffered.length < w.n) return;
    this.waiting = null;
    const out = this.buffered.subarray(0, w.n);
    this.buffered = this.buffered.subarray(w.n);
    w.resolve(out);
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    clearTimeout(this.timer);
    this.waiting?.reject(error);
    this.waiting = null;
  }
}
