import type { WebSocket } from 'ws';
import type { ServerMessage } from '../../../common/wire';
import type { AppServices } from '../../app/services';

/**
 * The largest message the contract needs: an import sent as base64 (20 MiB file → 27 MiB) plus its JSON
 * envelope. Anything larger is closed with 1009 by `ws` before it is buffered whole.
 */
export const RPC_MAX_PAYLOAD = 28 * 1024 * 1024;

/**
 * One browser tab: calls go through the shared dispatcher as door `ws`; every event is forwarded. A message
 * that is not a well-formed call closes the socket with a reason; nothing a client sends can throw out of here.
 */
export function attachRpcSocket(socket: WebSocket, services: AppServices): void {
  const send = (msg: ServerMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };
  const unsubscribe = services.events.subscribe((event) => send({ type: 'event', event }));
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
    send({ type: 'result', id: msg.id, result: await services.dispatch(msg.name, msg.input, { door: 'ws' }) });
  }
}

function isCall(msg: unknown): msg is { type: 'call'; id: number; name: string; input: unknown } {
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return false;
  const m = msg as Record<string, unknown>;
  return m.type === 'call' && Number.isSafeInteger(m.id) && typeof m.name === 'string';
}
