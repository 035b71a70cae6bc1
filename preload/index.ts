import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC } from '../common/channels';
import type { EventMessage } from '../common/contract';
import type { PreloadApi } from '../common/preloadApi';
import type { Result } from '../common/result';

// Two fixed channels and nothing else: no raw ipcRenderer, no Node, and the Electron event object
// (which carries the sender) never reaches the page.
const api: PreloadApi = {
  call: (name, input) => ipcRenderer.invoke(IPC.call, name, input) as Promise<Result<unknown>>,
  onEvent(listener) {
    const forward = (_event: IpcRendererEvent, message: EventMessage) => listener(message);
    ipcRenderer.on(IPC.event, forward);
    return () => ipcRenderer.removeListener(IPC.event, forward);
  },
};

contextBridge.exposeInMainWorld('labvisor', api);
