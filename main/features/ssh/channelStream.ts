import type { ClientChannel } from 'ssh2';
import type { ByteStream } from '../../platform/byteStreams';
import { duplexByteStream } from '../../platform/duplexByteStream';
import type { Lease } from './connectionPool';

export interface ChannelExit {
  code: number | null;
  signal: string | null;
}

/** Listens for the channel's exit status at once (call it in ssh2's open callback); the getter says what came. */
export function watchExit(channel: ClientChannel): () => ChannelExit | null {
  let exit: ChannelExit | null = null;
  channel.on('exit', (code: number | null, signal?: string) => (exit = { code, signal: signal ?? null }));
  return () => exit;
}

/**
 * A ByteStream over one SSH channel (a shell or a long-lived exec), stderr merged, paused until the viewer
 * attaches (see duplexByteStream). The lease is released when the stream ends; the end says how the remote
 * program finished.
 */
export function channelStream(
  channel: ClientChannel,
  lease: Lease,
  kind: string,
  hostName: string,
  exitOf: () => ChannelExit | null,
): ByteStream {
  return duplexByteStream(channel, {
    kind,
    also: channel.stderr,
    release: () => lease.release(),
    onLost: (listener) => lease.onLost(listener),
    lostMessage: (error) => `${error.message}; the session ended`,
    closedMessage: () => {
      const exit = exitOf();
      if (exit === null) return `the ${kind} session on ${hostName} closed`;
      return exit.signal ? `ended by signal ${exit.signal}` : `exited with status ${exit.code}`;
    },
    resize: (cols, rows) => channel.setWindow(rows, cols, 0, 0),
    close: () => channel.close(),
  });
}
