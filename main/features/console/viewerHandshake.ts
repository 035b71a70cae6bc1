import type { ByteStream } from '../../platform/byteStreams';

const VERSION = Buffer.from('RFB 003.008\n', 'latin1');
/** One security type offered: None. */
const SECURITY_TYPES = Uint8Array.of(1, 1);
const SECURITY_OK = Uint8Array.of(0, 0, 0, 0);

/**
 * Wraps a VNC connection whose security handshake the main process already did, and replays to the viewer
 * (noVNC, or the CLI's RFB client) the start of an RFB 3.8 session offering only "None": ProtocolVersion →
 * the viewer's version → security types → the viewer's choice → SecurityResult OK. From then on bytes pass
 * through unchanged, the viewer's ClientInit being the first thing the real server sees.
 */
export function presentNoneSecurity(inner: ByteStream): ByteStream {
  const dataListeners = new Set<(chunk: Uint8Array) => void>();
  // What the viewer still owes before passthrough: its 12-byte version, then its 1-byte security choice.
  let owed = [12, 1];
  let offInner: (() => void) | null = null;
  const emit = (chunk: Uint8Array) => {
    for (const listener of dataListeners) listener(chunk);
  };

  const fromViewer = (data: Uint8Array) => {
    let rest = data;
    while (owed.length > 0 && rest.length > 0) {
      const take = Math.min(owed[0]!, rest.length);
      owed[0]! -= take;
      rest = rest.subarray(take);
      if (owed[0] === 0) {
        owed = owed.slice(1);
        if (owed.length === 1) emit(SECURITY_TYPES);
        else startPassthrough();
      }
    }
    if (rest.length > 0) inner.write(rest);
  };

  const startPassthrough = () => {
    emit(SECURITY_OK);
    offInner = inner.onData(emit);
  };

  return {
    id: inner.id,
    kind: inner.kind,
    write: (data) => (owed.length > 0 ? fromViewer(data) : inner.write(data)),
    onData(listener) {
      dataListeners.add(listener);
      if (dataListeners.size === 1) queueMicrotask(() => emit(VERSION));
      return () => {
        dataListeners.delete(listener);
        if (dataListeners.size === 0) offInner?.();
      };
    },
    onEnd: (listener) => inner.onEnd(listener),
    pause: () => inner.pause(),
    resume: () => inner.resume(),
    close: () => inner.close(),
  };
}
