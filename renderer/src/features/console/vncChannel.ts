import type { RfbChannel } from '@novnc/novnc';
import { connectStream, type StreamConnection, type StreamEnd } from '../../lib/streams';

type State = 'connecting' | 'open' | 'closing' | 'closed';

/**
 * What noVNC's RFB takes instead of a WebSocket URL: a WebSocket-like channel over Labvisor's byte stream (a
 * WebSocket to our own server under `serve`, a MessagePort in Electron). The renderer never opens a socket to
 * the VNC server itself. Outgoing data is copied because noVNC reuses its send buffer; incoming data is acked
 * once noVNC has consumed it, which is the flow control that pauses the VNC connection when the page lags.
 */
export class VncChannel implements RfbChannel {
  binaryType = 'arraybuffer';
  protocol = '';
  onopen: RfbChannel['onopen'] = null;
  onmessage: RfbChannel['onmessage'] = null;
  onerror: RfbChannel['onerror'] = null;
  onclose: RfbChannel['onclose'] = null;
  /** How the stream ended, for the console's status line. */
  end: StreamEnd | null = null;
  private state: State = 'connecting';
  private readonly conn: StreamConnection;
  private readonly early: Uint8Array[] = [];

  constructor(streamId: string) {
    this.conn = connectStream(streamId, {
      onData: (chunk) => this.receive(chunk),
      onEnd: (end) => this.ended(end),
    });
    // RFB attaches its handlers synchronously after construction; open on the next task so they are in place.
    setTimeout(() => {
      if (this.state !== 'connecting') return;
      this.state = 'open';
      this.onopen?.(new Event('open'));
      for (const chunk of this.early.splice(0)) this.receive(chunk);
    }, 0);
  }

  get readyState(): string {
    return this.state;
  }

  send(data: Uint8Array): void {
    if (this.state === 'open') this.conn.write(data.slice());
  }

  close(): void {
    if (this.state === 'closed' || this.state === 'closing') return;
    this.state = 'closing';
    this.conn.close();
    this.ended({ code: null, message: 'closed' });
  }

  private receive(chunk: Uint8Array): void {
    if (this.state !== 'open' || !this.onmessage) {
      this.early.push(chunk);
      return;
    }
    const whole = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength;
    this.onmessage({ data: (whole ? chunk.buffer : chunk.slice().buffer) as ArrayBuffer });
    this.conn.processed(chunk.byteLength);
  }

  private ended(end: StreamEnd): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.end ??= end;
    const clean = end.code === null;
    // Deliver after the current task, as a WebSocket would.
    setTimeout(() => this.onclose?.({ code: clean ? 1000 : 1006, reason: end.message, wasClean: clean }), 0);
  }
}
