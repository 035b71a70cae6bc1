import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import type { StreamClientControl, StreamServerControl } from '../../../common/streamWire';
import type { ByteStreamRegistry } from '../../platform/byteStreams';
import { attachFlow } from '../streamFlow';
import type { SocketRoute } from './server';

/**
 * `/stream?id=...`: one WebSocket per terminal or console. Binary frames are bytes (server → viewer: output,
 * viewer → server: keystrokes); text frames are JSON control messages (acks one way, the end the other).
 * One viewer per stream; when it goes away the stream is closed, since nothing else can reattach to it.
 */
export function streamSocketRoute(streams: ByteStreamRegistry): SocketRoute {
  const attached = new Set<string>();
  return (socket: WebSocket, _req: IncomingMessage, url: URL) => {
    const id = url.searchParams.get('id') ?? '';
    const stream = streams.get(id);
    if (!stream) return socket.close(4404, 'no such stream');
    if (attached.has(id)) return socket.close(4409, 'stream already has a viewer');
    attached.add(id);

    const flow = attachFlow(stream, {
      sendData: (chunk) => socket.send(chunk, { binary: true }),
      sendEnd: (end) => {
        const msg: StreamServerControl = { type: 'end', ...end };
        socket.send(JSON.stringify(msg), () => socket.close(1000, 'stream ended'));
      },
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary) return flow.input(toBytes(data));
      let msg: StreamClientControl;
      try {
        msg = JSON.parse(data.toString()) as StreamClientControl;
      } catch {
        return socket.close(1007, 'not JSON');
      }
      if (msg?.type === 'ack' && typeof msg.bytes === 'number') flow.ack(msg.bytes);
      else socket.close(1008, 'unexpected message');
    });
    socket.on('close', () => {
      flow.detach();
      attached.delete(id);
      stream.close();
    });
  };
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
