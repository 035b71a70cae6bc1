import type { ByteStream, StreamEnd } from '../platform/byteStreams';
import { STREAM_ACK_EVERY, STREAM_HIGH_WATER, STREAM_LOW_WATER } from '../../common/streamWire';

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

/** Largest frame the sender builds from coalesced chunks (the viewer splits it for xterm.js; see OutputFeed). */
export const STREAM_MAX_FRAME = 256 * 1024;
/**
 * The viewer counts as behind when this much earlier output is still unacknowledged: well above what the viewer
 * may hold back before acking (STREAM_ACK_EVERY), so an idle terminal's echo never waits.
 */
const BEHIND = 2 * STREAM_ACK_EVERY;
/** While the viewer is behind, a partial frame waits at most this long for more output. */
const BEHIND_WAIT_MS = 4;
/**
 * Output that follows the previous frame this closely is a flood in progress (a pty hands sshd ~4 KiB at a time,
 * so a flood arrives as a chunk every fraction of a millisecond); it waits BURST_WAIT_MS for more. A keystroke's
 * echo comes long after the last frame and still leaves in the same turn.
 */
const BURST_GAP_MS = 2;
const BURST_WAIT_MS = 2;

/**
 * Attaches a stream to one viewer with credit-based flow control: the sender counts bytes the viewer has not
 * yet acknowledged and pauses the source above the high-water mark, so a slow renderer holds the SSH channel
 * back (its window closes and the remote end blocks) instead of memory growing without bound anywhere between.
 *
 * Chunks that arrive in the same turn of the event loop go out as one frame (up to STREAM_MAX_FRAME): a flood
 * arrives as hundreds of small SSH packets, and one message, one `write` and one ack per packet cost the viewer
 * more than drawing them did. A lone chunk (an echoed keystroke) still leaves in the same turn, via setImmediate.
 * While the viewer is behind (BEHIND bytes of earlier output not yet acknowledged: it has plenty to parse),
 * chunks of several turns are gathered, up to STREAM_MAX_FRAME or BEHIND_WAIT_MS: a flood otherwise left as a
 * frame per SSH read (~24 KiB), and each frame costs the page's main thread a task in Chromium's WebSocket
 * (profile: ~0.4 ms per frame, 5% of the page's time) and an xterm.js write cycle. A viewer that keeps up (xterm's
 * DOM renderer parses faster than a flood arrives) is never behind, so a flood is also gathered when it follows
 * the last frame within BURST_GAP_MS: frames of one pty read each (median 4 KiB) left the page idle a third of
 * the time, every hop (service, network process, page) paid per frame.
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
  let soon: NodeJS.Immediate | null = null;
  let later: NodeJS.Timeout | null = null;
  let lastFrameAt = -Infinity;

  const unschedule = () => {
    if (soon) clearImmediate(soon);
    if (later) clearTimeout(later);
    soon = null;
    later = null;
  };
  const flush = () => {
    unschedule();
    if (!attached || pendingBytes === 0) return;
    const frame = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending.length = 0;
    pendingBytes = 0;
    lastFrameAt = performance.now();
    sink.sendData(frame);
  };

  const offData = stream.onData((chunk) => {
    if (!attached) return;
    pending.push(chunk);
    pendingBytes += chunk.byteLength;
    unacked += chunk.byteLength;
    if (!paused && unacked > marks.high) {
      paused = true;
      stream.pause();
    }
    // Paused, nothing more comes until the viewer acks: what is pending goes now.
    if (pendingBytes >= STREAM_MAX_FRAME || paused) flush();
    else if (unacked - pendingBytes >= BEHIND) later ??= setTimeout(flush, BEHIND_WAIT_MS);
    else if (performance.now() - lastFrameAt < BURST_GAP_MS) later ??= setTimeout(flush, BURST_WAIT_MS);
    else soon ??= setImmediate(flush);
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
      unschedule();
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
