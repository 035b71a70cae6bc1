import { HTTP } from '../../../common/channels';
import type { EventMessage } from '../../../common/contract';
import type { Result } from '../../../common/result';
import type { ClientMessage, ServerMessage } from '../../../common/wire';

type Pending = (result: Result<unknown>) => void;

/**
 * The headless server's transport: one WebSocket to /rpc (authenticated by the HttpOnly cookie the server set),
 * reconnecting with backoff; calls made while it is down wait for it.
 */
export function connectSocket() {
  const pending = new Map<number, Pending>();
  const listeners = new Set<(event: EventMessage) => void>();
  const reconnectListeners = new Set<() => void>();
  let opened = false;
  let nextId = 1;
  let socket: WebSocket | null = null;
  let ready: Promise<WebSocket> | null = null;
  let delay = 250;

  const open = (): Promise<WebSocket> =>
    (ready ??= new Promise((resolve) => {
      const url = new URL(HTTP.rpc, window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        delay = 250;
        resolve(ws);
        // The server forgot this client's leases when the old socket closed: whoever holds one asks again.
        if (opened) for (const l of reconnectListeners) l();
        opened = true;
      };
      ws.onmessage = (message) => {
        const msg = JSON.parse(String(message.data)) as ServerMessage;
        if (msg.type === 'result') {
          pending.get(msg.id)?.(msg.result);
          pending.delete(msg.id);
        } else for (const l of listeners) l(msg.event);
      };
      ws.onclose = () => {
        socket = null;
        ready = null;
        for (const [id, settle] of pending) {
          settle({ ok: false, code: 'unreachable', message: 'lost the connection to Labvisor' });
          pending.delete(id);
        }
        setTimeout(() => void open().then(resolve), delay);
        delay = Math.min(delay * 2, 5000);
      };
    }));

  return {
    async call(name: string, input: unknown): Promise<Result<unknown>> {
      const ws = socket ?? (await open());
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ type: 'call', id, name, input } satisfies ClientMessage));
      });
    },
    onEvent(listener: (event: EventMessage) => void) {
      listeners.add(listener);
      void open();
      return () => listeners.delete(listener);
    },
    onReconnect(listener: () => void) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
  };
}
