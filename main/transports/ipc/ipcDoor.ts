import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC } from '../../../common/channels';
import type { Result } from '../../../common/result';
import type { AppServices } from '../../app/services';

export const APP_ORIGIN = 'app://labvisor';

/**
 * Whether a URL belongs to our renderer (app://labvisor, or the dev server in development). Compares scheme and
 * host: Node's URL reports origin "null" for custom schemes such as app:.
 */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'app:' && parsed.host === 'labvisor') return true;
  return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
}

/**
 * Only our own page, in its main frame, may call: a frame or page from anywhere else (a navigation that
 * slipped through, an injected iframe) is refused.
 */
export function senderAllowed(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, devServerUrl?: string): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url, devServerUrl);
}

const ipcClient = (webContentsId: number) => `ipc:${webContentsId}`;

/** The Electron door: one invoke channel into the shared dispatcher, events pushed to each window. */
export function attachIpcDoor(ipcMain: IpcMain, services: AppServices, opts: { devServerUrl?: string } = {}) {
  ipcMain.handle(IPC.call, async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!senderAllowed(event, opts.devServerUrl)) {
      services.log.warn('refused IPC from an unexpected sender', { url: event.senderFrame?.url ?? null });
      return { ok: false, code: 'unauthorized', message: 'this page may not call Labvisor' };
    }
    return services.dispatch(name, input, { door: 'ipc', client: ipcClient(event.sender.id) });
  });
  return {
    /** Forwards events meant for everyone or for this window, for as long as it lives. */
    connect(contents: WebContents) {
      const unsubscribe = services.events.subscribe((event) => {
        if (!contents.isDestroyed()) contents.send(IPC.event, event);
      }, ipcClient(contents.id));
      contents.once('destroyed', unsubscribe);
    },
  };
}
