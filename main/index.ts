import { join } from 'node:path';
import { app, BrowserWindow, ipcMain, Notification, protocol, safeStorage, session, shell } from 'electron';
import { openServices, startMetricsSoon } from './app/openServices';
import { notifyAlertsOnDesktop } from './features/metrics/alerts/desktopNotifier';
import { LABVISOR_VERSION } from './app/version';
import { defaultDataDir } from './platform/paths';
import { SafeStorageKeyProvider } from './platform/secrets/safeStorageKeyProvider';
import { attachIpcDoor, APP_ORIGIN } from './transports/ipc/ipcDoor';
import { attachStreamPorts } from './transports/ipc/streamPorts';
import { confirmUnload } from './transports/ipc/confirmUnload';
import { registerAppProtocol } from './appProtocol';
import { denyPermissions, lockDownContents, secureWebPreferences } from './windowSecurity';
import { consoleWindowOpener } from './consoleWindows';
import { DISABLED_CHROMIUM_FEATURES } from './chromiumFeatures';

// Must precede `ready`: app:// behaves as a standard, secure origin (fetch, CSP 'self', storage).
protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// Must precede `ready` too: a keystroke's echo is not held back until the next frame (see chromiumFeatures).
// Chromium reads one --disable-features: keep any the user started Labvisor with.
const userDisabled = app.commandLine.getSwitchValue('disable-features');
app.commandLine.appendSwitch(
  'disable-features',
  [userDisabled, ...DISABLED_CHROMIUM_FEATURES].filter(Boolean).join(','),
);

const devServerUrl = process.env.ELECTRON_RENDERER_URL;

// A second instance hands over to the first and exits now: `quit` would still run `whenReady` and open the
// database a second time.
if (!app.requestSingleInstanceLock()) app.exit(0);
else start();

/** Detached consoles' windows: set once the services (and the IPC door they talk through) exist. */
let openConsoleWindow: ((url: string) => void) | null = null;

function start(): void {
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(
      contents,
      devServerUrl,
      (url) => void shell.openExternal(url),
      (url) => openConsoleWindow?.(url),
    ),
  );
  app.whenReady().then(ready);
}

function ready(): void {
  const dataDir = defaultDataDir();
  const services = openServices({
    dataDir,
    version: LABVISOR_VERSION,
    keyProvider: new SafeStorageKeyProvider(join(dataDir, 'vault.key.sealed'), safeStorage),
    // out/main → the checkout's .native/, where `npm start` builds better-sqlite3 for Electron's ABI.
    nativeRoot: join(__dirname, '../../.native'),
  });
  // The window's first page comes first; SSH, the drivers and metrics load after it (see startMetricsSoon).
  const cancelMetrics = startMetricsSoon(services);
  if (Notification.isSupported()) notifyAlertsOnDesktop(services.events, (o) => new Notification(o));
  denyPermissions(session.defaultSession);
  registerAppProtocol(protocol, join(__dirname, '../renderer'));
  const door = attachIpcDoor(ipcMain, services, devServerUrl ? { devServerUrl } : {});
  attachStreamPorts(ipcMain, services, devServerUrl ? { devServerUrl } : {});

  const webPreferences = secureWebPreferences(join(__dirname, '../preload/index.cjs'));
  const window = new BrowserWindow({ width: 1400, height: 900, show: false, title: 'Labvisor', webPreferences });
  openConsoleWindow = consoleWindowOpener({
    create: (options) => new BrowserWindow(options),
    webPreferences,
    connect: (contents) => door.connect(contents),
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
  // Quitting waits for the services to close (running commands drain, connections end, the db closes).
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    event.preventDefault();
    cancelMetrics();
    void services.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
}
