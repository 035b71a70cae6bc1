import type { BrowserWindow, BrowserWindowConstructorOptions, WebContents } from 'electron';
import { isAppUrl } from './transports/ipc/ipcDoor';

/** The renderer's console-only route (renderer/src/features/console/detach.ts). */
const CONSOLE_WINDOW_HASH = '#/console-window?c=';
const MAX_URL = 16_384;

/** Our own page at the console-only route: the only window.open Electron turns into a window of ours. */
export function isConsoleWindowUrl(url: string, devServerUrl?: string): boolean {
  if (url.length > MAX_URL || !isAppUrl(url, devServerUrl)) return false;
  const parsed = new URL(url);
  return parsed.pathname === (devServerUrl ? '/' : '/index.html') && parsed.hash.startsWith(CONSOLE_WINDOW_HASH);
}

interface Deps {
  create: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  webPreferences: BrowserWindowConstructorOptions['webPreferences'];
  /** Events to the new window, like the main one (the IPC door's `connect`). */
  connect: (contents: WebContents) => void;
}

/**
 * A detached console's own desktop window: the same locked-down preferences and preload as the main window,
 * our renderer at the console route, events connected; its console connects through the same services.
 */
export function consoleWindowOpener({ create, webPreferences, connect }: Deps): (url: string) => void {
  return (url) => {
    const window = create({
      width: 1100,
      height: 820,
      show: false,
      title: 'Labvisor console',
      webPreferences,
    });
    connect(window.webContents);
    window.once('ready-to-show', () => window.show());
    void window.loadURL(url);
  };
}
