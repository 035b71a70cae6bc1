import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// The Electron binary cannot run on CI machines: this drives main/index.ts against a recorded stand-in of
// Electron's API and checks the security-relevant wiring it sets up.
const recorded = vi.hoisted(() => ({
  windows: [] as { options: Record<string, any>; loaded: string[]; contents: any }[],
  privileged: [] as unknown[],
  handlers: new Map<string, (...args: any[]) => any>(),
  protocolHandler: null as null | ((req: Request) => Promise<Response>),
  permissionHandler: null as null | ((...args: any[]) => void),
  permissionCheck: null as null | (() => boolean),
  appEvents: new Map<string, (...args: any[]) => void>(),
  opened: [] as string[],
  ready: null as null | (() => void),
  headersHandler: null as null | ((details: any, callback: (r: any) => void) => void),
  singleInstance: true,
  exited: [] as number[],
  whenReadyCalls: 0,
  switches: [] as [string, string][],
  quits: 0,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class WebContents extends Emitter {
    sent: unknown[] = [];
    openHandler: ((details: { url: string }) => { action: string }) | null = null;
    isDestroyed = () => false;
    send = (...args: unknown[]) => this.sent.push(args);
    setWindowOpenHandler = (h: (details: { url: string }) => { action: string }) => (this.openHandler = h);
  }
  class BrowserWindow {
    webContents = new WebContents();
    loaded: string[] = [];
    constructor(options: Record<string, any>) {
      recorded.windows.push({ options, loaded: this.loaded, contents: this.webContents });
      recorded.appEvents.get('web-contents-created')?.({}, this.webContents);
    }
    once() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  }
  return {
    app: {
      commandLine: {
        getSwitchValue: (name: string) => (name === 'disable-features' ? 'MediaRouter' : ''),
        appendSwitch: (name: string, value: string) => recorded.switches.push([name, value]),
      },
      requestSingleInstanceLock: () => recorded.singleInstance,
      quit: () => recorded.quits++,
      exit: (code: number) => recorded.exited.push(code),
      on: (name: string, fn: (...args: any[]) => void) => recorded.appEvents.set(name, fn),
      whenReady: () => {
        recorded.whenReadyCalls++;
        return new Promise<void>((resolve) => (recorded.ready = resolve));
      },
    },
    BrowserWindow,
    Notification: { isSupported: () => false },
    shell: { openExternal: (url: string) => (recorded.opened.push(url), Promise.resolve()) },
    ipcMain: {
      handle: (channel: string, fn: (...args: any[]) => any) => recorded.handlers.set(channel, fn),
      on: (channel: string, fn: (...args: any[]) => any) => recorded.handlers.set(channel, fn),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privileged.push(...schemes),
      handle: (_scheme: string, fn: (req: Request) => Promise<Response>) => (recorded.protocolHandler = fn),
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: (...args: any[]) => void) => (recorded.permissionHandler = h),
        setPermissionCheckHandler: (h: () => boolean) => (recorded.permissionCheck = h),
        webRequest: {
          onHeadersReceived: (h: (details: any, callback: (r: any) => void) => void) => (recorded.headersHandler = h),
        },
      },
    },
  };
});

beforeAll(async () => {
  process.env.LABVISOR_DATA_DIR = mkdtempSync(join(tmpdir(), 'labvisor-electron-'));
  await import('./index');
  recorded.ready!();
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1));
});

describe('Electron entry', () => {
  it('opens one sandboxed, isolated window without Node, loading app:// (never file://)', () => {
    const [win] = recorded.windows;
    expect(win!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    expect(win!.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(win!.loaded).toEqual(['app://labvisor/index.html']);
    expect(recorded.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it("turns off Chromium's deferral of tasks after input (a keystroke's echo waited for the next frame)", () => {
    // Chromium reads only the last --disable-features: the ones Labvisor was started with stay in it.
    expect(recorded.switches).toEqual([['disable-features', 'MediaRouter,DeferRendererTasksAfterInput']]);
  });

  it('denies navigation away, new windows, webviews and every permission', () => {
    const contents = recorded.windows[0]!.contents as EventEmitter & {
      openHandler: (details: { url: string }) => { action: string };
    };
    const nav = { preventDefault: vi.fn() };
    contents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    contents.emit('will-navigate', own, 'app://labvisor/index.html');
    expect(own.preventDefault).not.toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(contents.openHandler({ url: 'app://labvisor/other.html' })).toEqual({ action: 'deny' });
    expect(contents.openHandler({ url: 'https://docs.openstack.org/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(recorded.opened).toEqual(['https://docs.openstack.org/']);
    const answer = vi.fn();
    recorded.permissionHandler!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(recorded.permissionCheck!()).toBe(false);
  });

  it('answers IPC only from its own main frame', async () => {
    const invoke = recorded.handlers.get('labvisor:call')!;
    const own = { sender: { id: 1 }, senderFrame: { url: 'app://labvisor/index.html', parent: null } };
    expect(await invoke(own, 'inventory.listHosts', {})).toEqual({ ok: true, value: [] });
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    expect(await invoke(foreign, 'inventory.listHosts', {})).toMatchObject({ ok: false, code: 'unauthorized' });
    const iframe = { senderFrame: { url: 'app://labvisor/index.html', parent: {} } };
    expect(await invoke(iframe, 'inventory.listHosts', {})).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('serves the renderer over app:// and refuses paths outside it', async () => {
    const handler = recorded.protocolHandler!;
    const own = await handler(new Request('app://labvisor/index.html'));
    expect(own.status).toBe(200);
    expect(own.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await handler(new Request('app://other/index.html'))).status).toBe(404);
  });

  it.each([
    '..%2f..%2fetc%2fpasswd',
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'assets/..%2f..%2f..%2fetc%2fpasswd',
    '..%5c..%5cetc%5cpasswd',
    '%2e%2e%5c%2e%2e%5cetc%5cpasswd',
    'index.html%00.png',
    'C:%5cWindows%5cwin.ini',
  ])('app://labvisor/%s is refused by the traversal guard (403), not a 404', async (path) => {
    const res = await recorded.protocolHandler!(new Request(`app://labvisor/${path}`));
    expect(res.status).toBe(403);
    expect(await res.text()).toBe('path outside the renderer folder');
  });

  it('a malformed percent-encoding is a 400', async () => {
    expect((await recorded.protocolHandler!(new Request('app://labvisor/%E0%A4%A'))).status).toBe(400);
  });

  it('sets the CSP on every response the window receives', () => {
    let answer: any;
    recorded.headersHandler!({ responseHeaders: { 'X-Other': ['1'] } }, (r) => (answer = r));
    expect(answer.responseHeaders['Content-Security-Policy']).toEqual([
      expect.stringMatching(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/),
    ]);
    expect(answer.responseHeaders['X-Other']).toEqual(['1']);
  });

  it('opens only plain web links externally, whatever the page confirmed', () => {
    const contents = recorded.windows[0]!.contents as { openHandler: (d: { url: string }) => unknown };
    const before = recorded.opened.length;
    contents.openHandler({ url: 'https://user:pw@example.org/' });
    contents.openHandler({ url: 'ms-settings:privacy' });
    contents.openHandler({ url: `https://example.org/${'a'.repeat(3000)}` });
    expect(recorded.opened.length).toBe(before);
  });

  it('opens a detached console as its own locked-down window at the console route, and nothing else', () => {
    const main = recorded.windows[0]!;
    const contents = main.contents as { openHandler: (details: { url: string }) => { action: string } };
    const url = `app://labvisor/index.html#/console-window?c=${encodeURIComponent('{"target":{"vm":3}}')}`;
    expect(contents.openHandler({ url })).toEqual({ action: 'deny' });
    expect(recorded.windows).toHaveLength(2);
    const popup = recorded.windows[1]!;
    expect(popup.options.webPreferences).toEqual(main.options.webPreferences);
    expect(popup.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(popup.loaded).toEqual([url]);
    // The new window is locked down too (web-contents-created) and receives events like the main one.
    const nav = { preventDefault: vi.fn() };
    popup.contents.emit('will-navigate', nav, 'https://evil.example/');
    expect(nav.preventDefault).toHaveBeenCalled();
    expect(popup.contents.listenerCount('destroyed')).toBeGreaterThan(0);
    // Other pages of ours, other routes and foreign origins never become windows.
    for (const other of [
      'app://labvisor/other.html#/console-window?c=%7B%7D',
      'app://labvisor/index.html#/hosts',
      'https://evil.example/index.html#/console-window?c=%7B%7D',
      `app://labvisor/index.html#/console-window?c=${'x'.repeat(20_000)}`,
    ])
      expect(contents.openHandler({ url: other })).toEqual({ action: 'deny' });
    expect(recorded.windows).toHaveLength(2);
  });

  it('waits for the services to close before quitting', async () => {
    const event = { preventDefault: vi.fn() };
    const quitsBefore = recorded.quits;
    recorded.appEvents.get('will-quit')!(event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(recorded.quits).toBe(quitsBefore + 1));
    const again = { preventDefault: vi.fn() };
    recorded.appEvents.get('will-quit')!(again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('a second instance exits before opening anything', async () => {
    recorded.singleInstance = false;
    const readyCalls = recorded.whenReadyCalls;
    vi.resetModules();
    await import('./index');
    expect(recorded.exited).toEqual([0]);
    expect(recorded.whenReadyCalls).toBe(readyCalls);
  });
});
