/**
 * Control messages of a byte-stream transport (a WebSocket per stream under `serve`, a MessagePort in
 * Electron). Bytes themselves travel as binary frames (WebSocket) or Uint8Array messages (MessagePort).
 */
export type StreamClientControl =
  /** The viewer has processed (rendered) this many more bytes; the sender may send that much more. */
  { type: 'ack'; bytes: number };

export type StreamServerControl = { type: 'end'; code: string | null; message: string };

/** On a MessagePort everything is a message; bytes are tagged so they need no encoding. */
export type StreamPortMessage = StreamClientControl | StreamServerControl | { type: 'data'; data: Uint8Array };

/** The viewer acks at least this often (bytes); kept well below the sender's low-water mark. */
export const STREAM_ACK_EVERY = 64 * 1024;
/** Above this many unacknowledged bytes the sender pauses the source (the SSH channel). */
export const STREAM_HIGH_WATER = 1024 * 1024;
/**
 * Below this many it resumes it. Close to the high mark on purpose: the source is resumed once a quarter of the
 * window is acknowledged, so the viewer still holds about 3/4 of a window while fresh output is on its way. With
 * the low mark at 1/4 (as before), a busy page (xterm parsing, then a ~20 ms frame) ran dry before the refill
 * arrived, and drew extra frames over too little output. The bound is the high mark, unchanged.
 */
export const STREAM_LOW_WATER = 768 * 1024;

/** Headless server path of the per-stream WebSocket: `/stream?id=STREAM_ID`. */
export const STREAM_PATH = '/stream';
