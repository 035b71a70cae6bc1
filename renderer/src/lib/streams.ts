import { STREAM_PORT_TAG } from '../../../common/preloadApi';
import {
  STREAM_ACK_EVERY,
  STREAM_PATH,
  type StreamClientControl,
  type StreamPortMessage,
  type StreamServerControl,
} from '../../../common/streamWire';

export interface StreamEnd {
  /** null: the remote end finished (shell exited, closed by us); otherwise why the stream broke. */
  code: string | null;
  message: string;
}

export interface StreamHandlers {
  onData(chunk: Uint8Array): void;
  onEnd(end: StreamEnd): void;
}

/** A live byte stream opened by a command (`terminal.open`), attached by its id. */
export interface StreamConnection {
  write(data: Uint8Array): void;
  /** Report bytes as processed (e.g. after xterm's write callback); acks go out every STREAM_ACK_EVERY bytes. */
  processed(bytes: number): void;
  close(): void;
}

const LOST: StreamEnd = { code: 'unreachable', message: 'lost the connection to Labvisor' };

/** Picks the door's transport: a MessagePort from the Electron preload, else a WebSocket to `serve`. */
export function connectStream(streamId: string, handlers: StreamHandlers): StreamConnection {
  return window.labvisor ? connectPort(streamId, handlers) : connectSocket(streamId, handlers);
}

function ackCounter(send: (msg: StreamClientControl) => void) {
  let pending = 0;
  return (bytes: number) => {
    pending += bytes;
    if (pending >= STREAM_ACK_EVERY) {
      send({ type: 'ack', bytes: pending });
      pending = 0;
    }
  };
}

function connectSocket(streamId: string, handlers: StreamHandlers): StreamConnection {
  const url = new URL(`${STREAM_PATH}?id=${encodeURIComponent(streamId)}`, window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const queued: Uint8Array[] = [];
  let ended = false;
  const end = (e: StreamEnd) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(e);
  };
  ws.onopen = () => {
    for (const data of queued.splice(0)) ws.send(data);
  };
  ws.onmessage = (message) => {
    if (message.data instanceof ArrayBuffer) handlers.onData(new Uint8Array(message.data));
    else {
      const msg = JSON.parse(String(message.data)) as StreamServerControl;
      if (msg.type === 'end') end({ code: msg.code, message: msg.message });
    }
  };
  ws.onclose = (event) => end(event.code === 4404 ? { code: 'not_found', message: event.reason } : LOST);
  const processed = ackCounter((msg) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(msg)));
  return {
    write(data) {
      if (ws.readyState === WebSocket.CONNECTING) queued.push(data);
      else if (ws.readyState === WebSocket.OPEN) ws.send(data);
    },
    processed,
    close() {
      ended = true;
      ws.close();
    },
  };
}

function connectPort(streamId: string, handlers: StreamHandlers): StreamConnection {
  let port: MessagePort | null = null;
  let ended = false;
  const queued: StreamPortMessage[] = [];
  const post = (msg: StreamPortMessage) => (port ? port.postMessage(msg) : queued.push(msg));
  const end = (e: StreamEnd) => {
    if (ended) return;
    ended = true;
    handlers.onEnd(e);
  };
  const onWindowMessage = (event: MessageEvent) => {
    if (event.source !== window || event.origin !== window.location.origin) return;
    if ((event.data as Record<string, unknown> | null)?.[STREAM_PORT_TAG] !== streamId || !event.ports[0]) return;
    window.removeEventListener('message', onWindowMessage);
    port = event.ports[0];
    port.onmessage = ({ data }: MessageEvent<StreamPortMessage>) => {
      if (data.type === 'data') handlers.onData(data.data);
      else if (data.type === 'end') end({ code: data.code, message: data.message });
    };
    port.addEventListener('close', () => end(LOST));
    port.start();
    for (const msg of queued.splice(0)) port.postMessage(msg);
  };
  window.addEventListener('message', onWindowMessage);
  window.labvisor!.openStream(streamId);
  return {
    write: (data) => post({ type: 'data', data }),
    processed: ackCounter(post),
    close() {
      ended = true;
      window.removeEventListener('message', onWindowMessage);
      port?.close();
    },
  };
}
