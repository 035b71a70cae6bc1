import type { VncTarget } from '../../../../common/contract/console';

/**
 * Detached consoles: a console in its own window loads the renderer at `#/console-window?c=…` (a new Electron
 * window, or a `window.open` popup under `serve` — same origin, so the same token cookie and the same server).
 * Windows talk over a BroadcastChannel: "re-attach" goes back to the window that detached it, named by `home`.
 * No zod here: this module is in the first chunk; the console window checks its spec with the schema, and main
 * checks every target it is asked to open.
 */
export const CONSOLE_WINDOW_ROUTE = '#/console-window?c=';
const CHANNEL = 'labvisor-consoles';
/** This window's name for the consoles it detaches. */
const HOME = Math.random().toString(36).slice(2);

export interface DetachedSpec {
  target: VncTarget;
  label: string;
  home: string;
}

type Message = { type: 'attach'; nonce: string; spec: DetachedSpec } | { type: 'attached'; nonce: string };

function consoleWindowUrl(target: VncTarget, label: string): string {
  const spec: DetachedSpec = { target, label, home: HOME };
  const { origin, pathname } = window.location;
  return `${origin}${pathname}${CONSOLE_WINDOW_ROUTE}${encodeURIComponent(JSON.stringify(spec))}`;
}

/** Opens the console in its own window (Electron turns this into a new BrowserWindow of ours). */
export function openConsoleWindow(target: VncTarget, label: string): void {
  window.open(consoleWindowUrl(target, label), `labvisor-console-${Date.now()}`, 'popup,width=1100,height=820');
}

/** In a main window: consoles sent back from their own windows open here again as tabs. */
export function listenForReattach(open: (target: VncTarget, label: string) => void): () => void {
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<Message>) => {
    const m = event.data;
    if (m?.type !== 'attach' || m.spec?.home !== HOME || typeof m.spec.target !== 'object') return;
    open(m.spec.target, String(m.spec.label));
    channel.postMessage({ type: 'attached', nonce: m.nonce } satisfies Message);
  };
  return () => channel.close();
}

/** In a console window: asks the window it came from to take the console back; false when none answers. */
export function requestReattach(spec: DetachedSpec, timeoutMs = 2000): Promise<boolean> {
  const channel = new BroadcastChannel(CHANNEL);
  const nonce = Math.random().toString(36).slice(2);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      channel.close();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    channel.onmessage = (event: MessageEvent<Message>) => {
      if (event.data?.type === 'attached' && event.data.nonce === nonce) done(true);
    };
    channel.postMessage({ type: 'attach', nonce, spec } satisfies Message);
  });
}
