import { MessageChannelMain, type IpcMain, type MessagePortMain } from 'electron';
import { IPC } from '../../../common/channels';
import type { StreamPortMessage } from '../../../common/streamWire';
import type { AppServices } from '../../app/services';
import { attachFlow } from '../streamFlow';
import { senderAllowed } from './ipcDoor';

/**
 * The Electron stream door: the renderer asks for a stream by id and gets a MessagePort that carries its bytes
 * (Uint8Array messages, no encoding) with the same ack-based flow control as the WebSocket door. One viewer per
 * stream; when the port closes (tab closed, window gone) the stream is closed.
 */
export function attachStreamPorts(ipcMain: IpcMain, services: AppServices, opts: { devServerUrl?: string } = {}) {
  const attached = new Set<string>();
  ipcMain.on(IPC.streamOpen, (event, streamId: unknown) => {
    if (!senderAllowed(event, opts.devServerUrl) || typeof streamId !== 'string') return;
    const stream = services.streams.get(streamId);
    const { port1, port2 } = new MessageChannelMain();
    event.sender.postMessage(IPC.streamPort, { streamId }, [port2]);
    if (!stream || attached.has(streamId)) {
      send(port1, { type: 'end', code: 'not_found', message: 'this terminal has ended' });
      return port1.close();
    }
    attached.add(streamId);
    const flow = attachFlow(stream, {
      sendData: (data) => send(port1, { type: 'data', data }),
      sendEnd: (end) => {
        send(port1, { type: 'end', ...end });
        port1.close();
      },
    });
    port1.on('message', ({ data }: { data: StreamPortMessage }) => {
      if (data?.type === 'data' && data.data instanceof Uint8Array) flow.input(data.data);
      else if (data?.type === 'ack' && typeof data.bytes === 'number') flow.ack(data.bytes);
    });
    port1.on('close', () => {
      flow.detach();
      attached.delete(streamId);
      stream.close();
    });
    port1.start();
  });
}

function send(port: MessagePortMain, message: StreamPortMessage): void {
  port.postMessage(message);
}
