import type { WebSocket } from 'ws';
import type { ClientMessage, ServerMessage } from '../../../common/wire';
import type { AppServices } from '../../app/services';

const MAX_MESSAGE = 64 * 1024 * 1024;

/** One browser tab: calls go through the shared dispatcher as door `ws`; every event is forwarded. */
export function attachRpcSocket(socket: WebSocket, services: AppServices): void {
  const send = (msg: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };
  const unsubscribe = services.events.subscribe((event) => send({ type: 'event', event }));
  socket.on('close', unsubscribe);
  socket.on('message', async (data, isBinary) => {
    if (isBinary) return socket.close(1003, 'binary messages are not accepted');
    let msg: ClientMessage;
    try {
      msg = JSON.parse(data.toString()) as ClientMessage;
    } catch {
      return socket.close(1007, 'not JSON');
    }
    if (msg?.type !== 'call' || typeof msg.id !== 'number') return socket.close(1008, 'unexpected message');
    send({ type: 'result', id: msg.id, result: await services.dispatch(msg.name, msg.input, { door: 'ws' }) });
  });
}

export const RPC_MAX_PAYLOAD = MAX_MESSAGE;
