import type { ByteStream, StreamEnd } from '../../platform/byteStreams';

/** Output kept for a viewer that has not attached yet (a banner, a login prompt); beyond it the source pauses. */
const HOLD_LIMIT = 256 * 1024;

/**
 * Listens to `inner` from the start and holds its output until a viewer attaches, so a console's first bytes
 * (read while checking that it started) reach the viewer. `notice` adds a line of our own, e.g. a hint.
 */
export interface HeldStream extends ByteStream {
  /** Sees every chunk without counting as the viewer (the bytes are still held for it). */
  watch(listener: (chunk: Uint8Array) => void): () => void;
  notice(text: string): void;
  /** Bytes received from the source so far. */
  received(): number;
}

export function heldStream(inner: ByteStream): HeldStream {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let received = 0;
  const listeners = new Set<(chunk: Uint8Array) => void>();
  const watchers = new Set<(chunk: Uint8Array) => void>();
  inner.onData((chunk) => {
    received += chunk.byteLength;
    for (const w of watchers) w(chunk);
    if (listeners.size > 0) return deliver(chunk);
    held.push(chunk);
    heldBytes += chunk.byteLength;
    if (heldBytes > HOLD_LIMIT) inner.pause();
  });
  const deliver = (chunk: Uint8Array) => {
    for (const l of listeners) l(chunk);
  };
  return {
    id: inner.id,
    kind: inner.kind,
    write: (data) => inner.write(data),
    resize: inner.resize && ((cols, rows) => inner.resize!(cols, rows)),
    onData(listener) {
      listeners.add(listener);
      if (listeners.size === 1 && held.length > 0) {
        const chunks = held.splice(0);
        heldBytes = 0;
        for (const chunk of chunks) listener(chunk);
        inner.resume();
      }
      return () => listeners.delete(listener);
    },
    onEnd: (listener: (end: StreamEnd) => void) => inner.onEnd(listener),
    pause: () => inner.pause(),
    resume: () => inner.resume(),
    close: () => inner.close(),
    watch(listener) {
      watchers.add(listener);
      return () => watchers.delete(listener);
    },
    notice(text) {
      const line = new TextEncoder().encode(`\r\n\x1b[2m[${text}]\x1b[0m\r\n`);
      if (listeners.size > 0) deliver(line);
      else held.push(line);
    },
    received: () => received,
  };
}
