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
/** Below this many it resumes it. */
export const STREAM_LOW_WATER = 256 * 1024;

/** Headless server path of the per-stream WebSocket: `/stream?id=STREAM_ID`. */
export const STREAM_PATH = '/stream';
