import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from './transports/rendererAssets';
import { isAppUrl } from './transports/ipc/ipcDoor';
import { isConsoleWindowUrl } from './consoleWindows';

/** The official Electron security checklist, as options and handlers applied to our one window. */
export function secureWebPreferences(preload: string): BrowserWindowConstructorOptions['webPreferences'] {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/**
 * The allowlist main applies before `shell.openExternal`, whatever the page confirmed: web links only (file:,
 * javascript:, custom schemes and OS handlers never), without embedded credentials, of a sane length.
 */
function isExternalLink(url: string): boolean {
  if (url.length > 2048) return false;
  try {
    const parsed = new URL(url);
    return ['http:', 'https:'].includes(parsed.protocol) && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/**
 * No navigation away from our page, no new windows, no webviews. A link the user confirmed in the page (a
 * terminal's URL) arrives as a window.open and goes to the system browser through `openExternal`; our own page
 * at the console route (a detached console) becomes a window of ours through `openConsoleWindow`, never
 * Electron's default window.
 */
export function lockDownContents(
  contents: WebContents,
  devServerUrl?: string,
  openExternal?: (url: string) => void,
  openConsoleWindow?: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (openConsoleWindow && isConsoleWindowUrl(url, devServerUrl)) openConsoleWindow(url);
    else if (openExternal && isExternalLink(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Every permission (camera, geolocation, notifications...) is refused; Labvisor needs none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
}
