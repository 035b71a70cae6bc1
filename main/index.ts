import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { createServices } from './app/services';
import { LABVISOR_VERSION } from './app/version';
import { defaultDataDir } from './platform/paths';
import { SafeStorageKeyProvider } from './platform/secrets/safeStorageKeyProvider';
import { attachIpcDoor, APP_ORIGIN } from './transports/ipc/ipcDoor';
import { attachStreamPorts } from './transports/ipc/streamPorts';
import { confirmUnload } from './transports/ipc/confirmUnload';
import { registerAppProtocol } from './appProtocol';
import { denyPermissions, lockDownContents, secureWebPreferences } from './windowSecurity';

// Must precede `ready`: app:// behaves as a standard, secure origin (fetch, CSP 'self', storage).
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('web-contents-created', (_event, contents) =>
  lockDownContents(contents, devServerUrl, (url) => void shell.openExternal(url)),
);

app.whenReady().then(() => {
  const dataDir = defaultDataDir();
  const services = createServices({
    dataDir,
    version: LABVISOR_VERSION,
    keyProvider: new SafeStorageKeyProvider(join(dataDir, 'vault.key.sealed'), safeStorage),
  });
  denyPermissions(session.defaultSession);
  registerAppProtocol(protocol, join(__dirname, '../renderer'));
  const door = attachIpcDoor(ipcMain, services, devServerUrl ? { devServerUrl } : {});
  attachStreamPorts(ipcMain, services, devServerUrl ? { devServerUrl } : {});

  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    show: false,
    title: 'Labvisor',
    webPreferences: secureWebPreferences(join(__dirname, '../preload/index.cjs')),
  });
  door.connect(window.webContents);
  confirmUnload(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void services.close());
});
