import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { EventMessage } from '../../../common/contract';
import type { ServerMessage } from '../../../common/wire';
import type { AppServices } from '../../app/services';

/**
 * The largest message the contract needs: an import sent as base64 (20 MiB file → 27 MiB) plus its JSON
 * envelope. Anything larger is closed with 1009 by `ws` before it is buffered whole.
 */
export const RPC_MAX_PAYLOAD = 28 * 1024 * 1024;

/** An event's frame, encoded once however many sockets it goes to. */
const eventFrames = new WeakMap<EventMessage, string>();
function eventFrame(event: EventMessage): string {
  let frame = eventFrames.get(event);
  if (frame === undefined)
    eventFrames.set(event, (frame = JSON.stringify({ type: 'event', event } satisfies ServerMessage)));
  return frame;
}

/**
 * One browser tab: calls go through the shared dispatcher as door `ws` under this socket's client id; events
 * meant for everyone or for this client are forwarded. A message that is not a well-formed call closes the
 * socket with a reason; nothing a client sends can throw out of here.
 */
export function attachRpcSocket(socket: WebSocket, services: AppServices): void {
  const client = `ws:${randomUUID()}`;
  const send = (msg: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };
  const unsubscribe = services.events.subscribe((event) => {
    if (socket.readyState === socket.OPEN) socket.send(eventFrame(event));
  }, client);
  socket.on('close', unsubscribe);
  socket.on('message', (data, isBinary) => {
    void handle(data, isBinary).catch((error: unknown) => {
      services.log.error('rpc message failed', { error: String((error as Error)?.stack ?? error) });
      socket.close(1011, 'internal error');
    });
  });

  async function handle(data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): Promise<void> {
    if (isBinary) return socket.close(1003, 'binary messages are not accepted');
    let msg: unknown;
    try {
      msg = JSON.parse(data.toString());
    } catch {
      return socket.close(1007, 'not JSON');
    }
    if (!isCall(msg)) return socket.close(1008, 'unexpected message');
    send({ type: 'result', id: msg.id, result: await services.dispatch(msg.name, msg.input, { door: 'ws', client }) });
  }
}

function isCall(msg: unknown): msg is { type: 'call'; id: number; name: string; input: unknown } {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return false;
  const m = msg as Record<string, unknown>;
  return m.type === 'call' && Number.isSafeInteger(m.id) && typeof m.name === 'string';
}
