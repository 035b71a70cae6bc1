import type { ByteStream, StreamEnd } from '../../app/byteStreams';

/** Bytes kept for a viewer that has not attached yet; above this the source is paused. */
const HOLD_LIMIT = 256 * 1024;

/**
 * Wraps a stream so that nothing it says before a viewer attaches is lost: the shell's banner and prompt arrive
 * between `terminal.open` returning and the renderer connecting to the stream transport. Chunks are held (the
 * source paused once they pass HOLD_LIMIT) and replayed to the first data listener; an end that happens before
 * anyone listens is replayed too.
 */
export function holdUntilViewed(inner: ByteStream): ByteStream {
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let ended: StreamEnd | null = null;
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  const endListeners = new Set<(end: StreamEnd) => void>();

  inner.onData((chunk) => {
    if (dataListeners.size > 0) {
      for (const l of dataListeners) l(chunk);
      return;
    }
    held.push(chunk);
    heldBytes += chunk.byteLength;
    if (heldBytes > HOLD_LIMIT) inner.pause();
  });
  inner.onEnd((end) => {
    ended = end;
    for (const l of endListeners) l(end);
  });

  return {
    id: inner.id,
    kind: inner.kind,
    write: (data) => inner.write(data),
    ...(inner.resize ? { resize: (cols: number, rows: number) => inner.resize!(cols, rows) } : {}),
    onData(listener) {
      dataListeners.add(listener);
      if (held.length > 0) {
        for (const chunk of held.splice(0)) listener(chunk);
        if (heldBytes > HOLD_LIMIT) inner.resume();
        heldBytes = 0;
      }
      return () => dataListeners.delete(listener);
    },
    onEnd(listener) {
      if (ended) queueMicrotask(() => listener(ended!));
      else endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
    pause: () => inner.pause(),
    resume: () => inner.resume(),
    close: () => inner.close(),
  };
}
