import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC } from '../common/channels';
import type { EventMessage } from '../common/contract';
import { PRELOAD_GLOBAL, STREAM_PORT_TAG, type PreloadApi } from '../common/preloadApi';
import type { Result } from '../common/result';

// Fixed channels and nothing else: no raw ipcRenderer, no Node, and the Electron event object
// (which carries the sender) never reaches the page.
const api: PreloadApi = {
  call: (name, input) => ipcRenderer.invoke(IPC.call, name, input) as Promise<Result<unknown>>,
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(IPC.event, forward);
    return () => ipcRenderer.removeListener(IPC.event, forward);
  },
  openStream: (streamId) => ipcRenderer.send(IPC.streamOpen, String(streamId)),
};

// A MessagePort cannot cross contextBridge: hand it to the page by a same-origin window message (Electron's
// documented way), tagged so the page's lib/streams.ts can pick it out.
ipcRenderer.on(IPC.streamPort, (event, message: { streamId: string }) => {
  window.postMessage({ [STREAM_PORT_TAG]: message.streamId }, window.location.origin, event.ports);
});

contextBridge.exposeInMainWorld(PRELOAD_GLOBAL, api);
