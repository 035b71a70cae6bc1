import { randomUUID } from 'node:crypto';

export interface StreamEnd {
  /** null when the stream ended normally (remote exit, user closed it). */
  code: string | null;
  message: string;
}

/**
 * A live byte stream between a remote end (an SSH shell, a Serial-over-LAN session, a VNC socket) and one
 * viewer. Bytes do not go through the command dispatcher: a door attaches the stream to its own transport
 * (a WebSocket per stream under `serve`, a MessagePort in Electron) and applies flow control by calling
 * pause()/resume() when the viewer falls behind, which must pause the source (e.g. the SSH channel).
 */
export interface ByteStream {
  readonly id: string;
  /** What it is, for the UI: `ssh`, `sol`, `vnc`. */
  readonly kind: string;
  /** Bytes from the viewer (keystrokes) to the remote end. */
  write(data: Uint8Array): void;
  /** Terminal size changes, where the remote end has one. */
  resize?(cols: number, rows: number): void;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  onEnd(listener: (end: StreamEnd) => void): () => void;
  pause(): void;
  resume(): void;
  close(): void;
}

/** Streams opened by a command (`terminal.open`, `bmc.openSol`) wait here until a door attaches to them by id. */
export class ByteStreamRegistry {
  private readonly streams = new Map<string, ByteStream>();

  newId(): string {
    return randomUUID();
  }

  add(stream: ByteStream): string {
    this.streams.set(stream.id, stream);
    stream.onEnd(() => this.streams.delete(stream.id));
    return stream.id;
  }

  get(id: string): ByteStream | undefined {
    return this.streams.get(id);
  }

  closeAll(): void {
    for (const s of this.streams.values()) s.close();
    this.streams.clear();
  }
}
