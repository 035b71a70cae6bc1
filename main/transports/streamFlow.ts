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

/**
 * Attaches a stream to one viewer with credit-based flow control: the sender counts bytes the viewer has not
 * yet acknowledged and pauses the source above the high-water mark, so a slow renderer holds the SSH channel
 * back (its window closes and the remote end blocks) instead of memory growing without bound anywhere between.
 */
export function attachFlow(
  stream: ByteStream,
  sink: StreamSink,
  marks: { high: number; low: number } = { high: STREAM_HIGH_WATER, low: STREAM_LOW_WATER },
): StreamFlow {
  let unacked = 0;
  let paused = false;
  let attached = true;

  const offData = stream.onData((chunk) => {
    if (!attached) return;
    sink.sendData(chunk);
    unacked += chunk.byteLength;
    if (!paused && unacked > marks.high) {
      paused = true;
      stream.pause();
    }
  });
  const offEnd = stream.onEnd((end) => {
    if (attached) sink.sendEnd(end);
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
