import { randomUUID } from 'node:crypto';
import type { ClientChannel } from 'ssh2';
import type { ByteStream, StreamEnd } from '../../platform/byteStreams';
import type { Lease } from './connectionPool';

/**
 * A ByteStream over one SSH channel (a shell or a long-lived exec). The channel starts paused so nothing is lost
 * before the viewer attaches; pause()/resume() pause the channel itself, which stops ssh2 from granting the server
 * more window: a slow viewer slows the remote program instead of filling memory. The lease is released when the
 * stream ends.
 */
export function channelStream(channel: ClientChannel, lease: Lease, kind: string, hostName: string): ByteStream {
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const endListeners = new Set<(end: StreamEnd) => void>();
  let ended: StreamEnd | null = null;
  let exit: { code: number | null; signal: string | null } | null = null;
  let viewerPaused = false;

  const finish = (end: StreamEnd) => {
    if (ended) return;
    ended = end;
    offLost();
    lease.release();
    for (const listener of [...endListeners]) listener(end);
    endListeners.clear();
    dataListeners.clear();
  };
  const offLost = lease.onLost((error) => {
    finish({ code: 'connection_lost', message: `${error.message}; the session ended` });
  });

  channel.pause();
  const emit = (chunk: Buffer) => {
    for (const listener of dataListeners) listener(chunk);
  };
  channel.on('data', emit);
  channel.stderr.on('data', emit);
  channel.on('exit', (code: number | null, signal?: string) => (exit = { code, signal: signal ?? null }));
  channel.on('close', () =>
    finish(
      exit === null
        ? { code: null, message: `the ${kind} session on ${hostName} closed` }
        : exit.signal
          ? { code: null, message: `ended by signal ${exit.signal}` }
          : { code: null, message: `exited with status ${exit.code}` },
    ),
  );

  return {
    id: randomUUID(),
    kind,
    write: (data) => {
      if (!ended) channel.write(Buffer.from(data));
    },
    resize: (cols, rows) => {
      if (!ended) channel.setWindow(rows, cols, 0, 0);
    },
    onData(listener) {
      dataListeners.add(listener);
      if (dataListeners.size === 1 && !viewerPaused) channel.resume();
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
      channel.pause();
    },
    resume: () => {
      viewerPaused = false;
      if (dataListeners.size > 0) channel.resume();
    },
    close: () => {
      if (ended) return;
      channel.close();
      finish({ code: null, message: 'closed by the user' });
    },
  };
}
