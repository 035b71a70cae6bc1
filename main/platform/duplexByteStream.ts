import { randomUUID } from 'node:crypto';
import type { Duplex, Readable } from 'node:stream';
import type { ByteStream, StreamEnd } from './byteStreams';

export interface DuplexByteStreamOptions {
  kind: string;
  /** Bytes that arrived before the stream was built (after a handshake); the viewer gets them first. */
  early?: Uint8Array;
  /** Another source merged into the output (an SSH channel's stderr); paused and resumed with the duplex. */
  also?: Readable;
  /** Gives back what holds the connection (an SSH lease); called once, when the stream ends. */
  release(): void;
  /** The carrier dropped (the SSH connection under the channel). */
  onLost?(listener: (error: Error) => void): () => void;
  /** Why the stream ended when the source closed by itself, or failed. */
  closedMessage(): string;
  lostMessage(error: Error): string;
  resize?(cols: number, rows: number): void;
  /** How the user's close reaches the source (default: destroy the duplex). */
  close?(): void;
}

/**
 * A ByteStream over a Duplex: a TCP socket, an SSH `direct-tcpip` channel, a shell or a long-lived exec. It stays
 * paused until a viewer listens, so nothing is lost before one attaches, and pause()/resume() pause the source
 * itself: for an SSH channel that stops ssh2 from granting the server more window, so a slow viewer slows the
 * remote program (or the VNC server) instead of filling memory.
 */
export function duplexByteStream(duplex: Duplex, opts: DuplexByteStreamOptions): ByteStream {
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const endListeners = new Set<(end: StreamEnd) => void>();
  let ended: StreamEnd | null = null;
  let viewerPaused = false;
  let early = opts.early && opts.early.byteLength > 0 ? opts.early : null;
  const sources: Readable[] = opts.also ? [duplex, opts.also] : [duplex];

  const finish = (end: StreamEnd) => {
    if (ended) return;
    ended = end;
    offLost();
    opts.release();
    for (const listener of [...endListeners]) listener(end);
    endListeners.clear();
    dataListeners.clear();
  };
  const offLost =
    opts.onLost?.((error) => finish({ code: 'connection_lost', message: opts.lostMessage(error) })) ?? (() => {});

  const emit = (chunk: Buffer) => {
    for (const listener of dataListeners) listener(chunk);
  };
  for (const source of sources) {
    source.pause();
    source.on('data', emit);
  }
  duplex.once('error', (error: Error) => finish({ code: 'connection_lost', message: opts.lostMessage(error) }));
  // `close`, not `end`: an SSH channel ends before its exit status arrives, and a socket closes right after its end.
  duplex.once('close', () => finish({ code: null, message: opts.closedMessage() }));
  const flowing = (on: boolean) => {
    for (const source of sources) {
      if (on) source.resume();
      else source.pause();
    }
  };

  return {
    id: randomUUID(),
    kind: opts.kind,
    write: (data) => {
      if (!ended) duplex.write(Buffer.from(data));
    },
    resize: opts.resize && ((cols, rows) => !ended && opts.resize!(cols, rows)),
    onData(listener) {
      dataListeners.add(listener);
      if (dataListeners.size === 1) {
        if (early) {
          const first = early;
          early = null;
          listener(first);
        }
        if (!viewerPaused) flowing(true);
      }
      return () => dataListeners.delete(listener);
    },
    onEnd(listener) {
      if (ended) {
        listener(ended);
        return () => {};
      }
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    pause: () => {
      viewerPaused = true;
      flowing(false);
    },
    resume: () => {
      viewerPaused = false;
      if (dataListeners.size > 0) flowing(true);
    },
    close: () => {
      if (ended) return;
      (opts.close ?? (() => duplex.destroy()))();
      finish({ code: null, message: 'closed by the user' });
    },
  };
}
