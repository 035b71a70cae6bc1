import type { Page } from '@playwright/test';
import type { TerminalLab } from './terminalLab';

declare global {
  interface Window {
    __stream: {
      received: number;
      acked: number;
      tail: string;
      sentAt: number[];
      recvAt: number[];
      /** The same times per /stream socket, in the order the sockets were opened (one per terminal). */
      sockets: { sentAt: number[]; recvAt: number[]; tail: string; waiting: (() => void)[] }[];
      /** Checked after every message and every ack; a check that returns true is done and dropped (no polling). */
      checks: (() => boolean)[];
    };
  }
}

/**
 * Watches the page's /stream WebSockets: bytes received, bytes acknowledged back (the renderer acks only after
 * xterm has processed them), the output's tail, and when keystrokes went out and output came in.
 */
export async function instrumentStreams(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const NativeWebSocket = window.WebSocket;
    const s: Window['__stream'] = { received: 0, acked: 0, tail: '', sentAt: [], recvAt: [], sockets: [], checks: [] };
    window.__stream = s;
    const decoder = new TextDecoder('latin1');
    window.WebSocket = class extends NativeWebSocket {
      private readonly own = {
        sentAt: [] as number[],
        recvAt: [] as number[],
        tail: '',
        /** Called at the next message, after its time is stamped (a bench waiting for an echo). */
        waiting: [] as (() => void)[],
      };
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (!String(url).includes('/stream')) return;
        s.sockets.push(this.own);
        this.addEventListener('message', (e) => {
          if (!(e.data instanceof ArrayBuffer)) return;
          s.received += e.data.byteLength;
          s.recvAt.push(performance.now());
          this.own.recvAt.push(performance.now());
          for (const resolve of this.own.waiting.splice(0)) resolve();
          // Only the last bytes: decoding every byte of a flood here would bill the harness to Labvisor.
          const last = decoder.decode(new Uint8Array(e.data, Math.max(0, e.data.byteLength - 256)));
          s.tail = (s.tail + last).slice(-256);
          this.own.tail = (this.own.tail + last).slice(-256);
          if (s.checks.length) s.checks = s.checks.filter((done) => !done());
        });
      }
      override send(data: string | ArrayBufferLike | Blob | ArrayBufferView) {
        if (typeof data === 'string') {
          const msg = JSON.parse(data) as { type: string; bytes: number };
          if (msg.type === 'ack') {
            s.acked += msg.bytes;
            if (s.checks.length) s.checks = s.checks.filter((done) => !done());
          }
        } else {
          s.sentAt.push(performance.now());
          this.own.sentAt.push(performance.now());
        }
        super.send(data);
      }
    };
  });
}

/** Opens `count` terminals on the lab host from the host table (double-click), as a user would. */
export async function openTerminalInPage(page: Page, lab: TerminalLab, count = 1): Promise<void> {
  if (!page.url().startsWith(lab.server.origin)) await page.goto(lab.server.url);
  for (let i = 0; i < count; i++) {
    await page.getByRole('button', { name: 'Hosts', exact: true }).click();
    await page.getByRole('grid', { name: 'Hosts table' }).getByText('bench-ssh', { exact: true }).dblclick();
  }
  await page.locator('.terminal-pane.focused[data-state="live"]').waitFor({ timeout: 30_000 });
  // The newest terminal's own socket: another one may be busy (a flood) and fill the shared tail.
  await page.waitForFunction(() => window.__stream.sockets.at(-1)?.tail.includes('$ '), undefined, {
    timeout: 30_000,
  });
}

export async function typeInTerminal(page: Page, text: string): Promise<void> {
  await page.locator('.terminal-pane.focused .xterm-helper-textarea').focus();
  await page.keyboard.type(text);
}
