import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { ByteStream, StreamEnd } from '../../platform/byteStreams';

export interface DuplexSource {
  duplex: Duplex;
  /** Bytes that arrived before the stream was built (after a handshake). */
  early?: Buffer;
  /** Gives back what holds the connection (an SSH lease); called once, when the stream ends. */
  release(): void;
  /** The carrier dropped (the SSH connection under the channel). */
  onLost?(listener: (error: Error) => void): () => void;
}

/**
 * A ByteStream over a TCP socket or an SSH `direct-tcpip` channel. It stays paused until a viewer listens, and
 * pause()/resume() pause the socket or channel, so a slow viewer holds the VNC server back instead of growing memory.
 */
export function duplexStream(source: DuplexSource, kind: string, label: string): ByteStream {
  const { duplex } = source;
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const endListeners = new Set<(end: StreamEnd) => void>();
  let ended: StreamEnd | null = null;
  let viewerPaused = false;
  let early = source.early && source.early.length > 0 ? source.early : null;

  const finish = (end: StreamEnd) => {
    if (ended) return;
    ended = end;
    offLost();
    source.release();
    duplex.destroy();
    for (const listener of [...endListeners]) listener(end);
    endListeners.clear();
    dataListeners.clear();
  };
  const offLost =
    source.onLost?.((error) => finish({ code: 'connection_lost', message: `${error.message}; ${label} closed` })) ??
    (() => {});

  duplex.pause();
  duplex.on('data', (chunk: Buffer) => {
    for (const listener of dataListeners) listener(chunk);
  });
  duplex.once('error', (error: Error) => finish({ code: 'connection_lost', message: `${label}: ${error.message}` }));
  duplex.once('close', () => finish({ code: null, message: `${label} closed the connection` }));
  duplex.once('end', () => finish({ code: null, message: `${label} closed the connection` }));

  return {
    id: randomUUID(),
    kind,
    write: (data) => {
      if (!ended) duplex.write(Buffer.from(data));
    },
    onData(listener) {
      dataListeners.add(listener);
      if (dataListeners.size === 1) {
        if (early) {
          const first = early;
          early = null;
          listener(first);
        }
        if (!viewerPaused) duplex.resume();
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
      duplex.pause();
    },
    resume: () => {
      viewerPaused = false;
      if (dataListeners.size > 0) duplex.resume();
    },
    close: () => finish({ code: null, message: 'closed by the user' }),
  };
}
