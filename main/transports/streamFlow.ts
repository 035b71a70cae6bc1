import type { ByteStream, StreamEnd } from '../platform/byteStreams';
import { STREAM_HIGH_WATER, STREAM_LOW_WATER } from '../../common/streamWire';

/** One viewer's transport, as the flow controller sees it. */
export interface StreamSink {
  sendData(chunk: Uint8Array): void;
  sendEnd(end: StreamEnd): void;
}

export interface StreamFlow {
  /** The viewer reports `bytes` more as processed. */
  ack(bytes: number): void;
  /** Keystrokes from the viewer. */
  input(data: Uint8Array): void;
  /** Stop forwarding in both directions (the door then decides whether the stream lives on). */
  detach(): void;
  /** Bytes sent but not yet acknowledged (for tests and benchmarks). */
  readonly unacked: number;
  readonly paused: boolean;
}

/** Largest frame the sender builds from coalesced chunks (the viewer writes each frame to xterm.js at once). */
export const STREAM_MAX_FRAME = 64 * 1024;

/**
 * Attaches a stream to one viewer with credit-based flow control: the sender counts bytes the viewer has not
 * yet acknowledged and pauses the source above the high-water mark, so a slow renderer holds the SSH channel
 * back (its window closes and the remote end blocks) instead of memory growing without bound anywhere between.
 *
 * Chunks that arrive in the same turn of the event loop go out as one frame (up to STREAM_MAX_FRAME): a flood
 * arrives as hundreds of small SSH packets, and one message, one `write` and one ack per packet cost the viewer
 * more than drawing them did. A lone chunk (an echoed keystroke) still leaves in the same turn, via setImmediate.
 * Coalesced bytes count as unacknowledged from the moment they arrive, so the marks bound them too.
 */
export function attachFlow(
  stream: ByteStream,
  sink: StreamSink,
  marks: { high: number; low: number } = { high: STREAM_HIGH_WATER, low: STREAM_LOW_WATER },
): StreamFlow {
  let unacked = 0;
  let paused = false;
  let attached = true;
  const pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let scheduled: NodeJS.Immediate | null = null;

  const flush = () => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    if (!attached || pendingBytes === 0) return;
    const frame = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending.length = 0;
    pendingBytes = 0;
    sink.sendData(frame);
  };

  const offData = stream.onData((chunk) => {
    if (!attached) return;
    pending.push(chunk);
    pendingBytes += chunk.byteLength;
    unacked += chunk.byteLength;
    if (pendingBytes >= STREAM_MAX_FRAME) flush();
    else scheduled ??= setImmediate(flush);
    if (!paused && unacked > marks.high) {
      paused = true;
      stream.pause();
    }
  });
  const offEnd = stream.onEnd((end) => {
    if (!attached) return;
    flush();
    sink.sendEnd(end);
  });

  return {
    ack(bytes) {
      if (!Number.isFinite(bytes) || bytes <= 0) return;
      unacked = Math.max(0, unacked - bytes);
      if (paused && unacked < marks.low) {
        paused = false;
        stream.resume();
      }
    },
    input(data) {
      if (attached) stream.write(data);
    },
    detach() {
      if (!attached) return;
      attached = false;
      if (scheduled) clearImmediate(scheduled);
      pending.length = 0;
      offData();
      offEnd();
    },
    get unacked() {
      return unacked;
    },
    get paused() {
      return paused;
    },
  };
}
