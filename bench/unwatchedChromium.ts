import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/browser';
import { processesMentioning } from '../lab/ssh/processTree';

/** A DevTools connection to one page that enables no domain: only the commands sent on it run. */
export interface RawPage {
  send<T = unknown>(method: string, params?: object): Promise<T>;
  /** Evaluates an expression in the page, awaiting a promise it returns; throws what the page threw. */
  evaluate<T>(expression: string): Promise<T>;
  close(): void;
}

/**
 * Chromium with exactly the flags Playwright launches it with, reachable on a loopback DevTools port, so that a
 * measurement can run with no Playwright attached. Why: Playwright enables the Network domain on every page it
 * drives, and Chromium then mirrors every WebSocket frame to it (base64 in JSON). On the terminal bench that cost
 * the Labvisor page's main thread ~0.25 s per 12 MB (Chromium trace: untraced RunTask and "Receive mojo message"
 * self time, gone when only a raw session is attached), and the browser and the bench's own process ~0.3 s of CPU
 * on the same 2 cores: a cost no user of the app pays and a page without WebSockets (the in-page reference) never
 * pays. Playwright connects for the setup (`connect`) and disconnects before the measured part (`disconnect`).
 */
export interface UnwatchedChromium {
  connect(): Promise<Browser>;
  /** Playwright's connection goes; the browser and its pages stay. */
  disconnect(browser: Browser): Promise<void>;
  open(targetId: string): Promise<RawPage>;
  close(): Promise<void>;
}

/** Playwright's own command line for Debian's Chromium, read from chrome://version (as keystrokeLatency does). */
async function playwrightFlags(): Promise<string[]> {
  const plain = await chromium.launch(CHROMIUM);
  try {
    const page = await plain.newPage();
    await page.goto('chrome://version');
    const commandLine = await page.locator('#command_line').innerText();
    return commandLine
      .split(/\s+/)
      .filter((arg) => arg.startsWith('--') && !/^--(remote-debugging-pipe|user-data-dir)\b/.test(arg));
  } finally {
    await plain.close();
  }
}

export async function launchUnwatched(): Promise<UnwatchedChromium> {
  const profile = mkdtempSync(join(tmpdir(), 'labvisor-bench-chromium-'));
  const args = [...(await playwrightFlags()), '--remote-debugging-port=0', `--user-data-dir=${profile}`];
  const child = spawn(CHROMIUM.executablePath!, [...args, 'about:blank'], { stdio: ['ignore', 'ignore', 'pipe'] });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let said = '';
    child.stderr.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const match = /DevTools listening on (ws:\/\/127\.0\.0\.1:\d+\/\S+)/.exec(said);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before listening: ${said.slice(-500)}`)));
  });
  const port = new URL(endpoint).port;
  let closing = false;
  child.once('exit', (code, signal) => {
    if (!closing) console.error(`the bench's Chromium exited early (${signal ?? code})`);
  });
  return {
    connect: () => chromium.connectOverCDP(endpoint),
    disconnect: (browser) => browser.close(),
    async open(targetId) {
      const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
        id: string;
        webSocketDebuggerUrl: string;
      }[];
      const target = targets.find((t) => t.id === targetId);
      if (!target) throw new Error(`no page ${targetId} in Chromium`);
      return rawPage(target.webSocketDebuggerUrl);
    },
    async close() {
      closing = true;
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill();
        await exited;
      }
      // Its zygote's children (renderers, services) outlive the browser process for a moment, still writing to it.
      for (let waited = 0; processesMentioning(profile).length > 0 && waited < 10_000; waited += 50) await sleep(50);
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

async function rawPage(url: string): Promise<RawPage> {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let lastId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  // A page or browser that goes away fails what waited on it, instead of leaving the bench waiting forever.
  ws.once('close', (code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`DevTools connection closed (${code})`));
    pending.clear();
  });
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = message.id === undefined ? undefined : pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id!);
    if (message.error) waiter.reject(new Error(message.error.message));
    else waiter.resolve(message.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve, reject) => {
      if (ws.readyState !== WebSocket.OPEN) return reject(new Error(`DevTools connection closed before ${method}`));
      const id = ++lastId;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      ws.send(JSON.stringify({ id, method, params }));
    });
  return {
    send,
    async evaluate<T>(expression: string) {
      const answer = await send<{ result: { value: T }; exceptionDetails?: { text: string } }>('Runtime.evaluate', {
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      if (answer.exceptionDetails) throw new Error(`page threw: ${answer.exceptionDetails.text}`);
      return answer.result.value;
    },
    close: () => ws.close(),
  };
}

/** The DevTools target id of a page Playwright drives. */
export async function targetIdOf(page: Page): Promise<string> {
  const session = await page.context().newCDPSession(page);
  try {
    const { targetInfo } = await session.send('Target.getTargetInfo');
    return targetInfo.targetId;
  } finally {
    await session.detach();
  }
}

/** Enter, as Playwright's keyboard.press('Enter') sends it. */
export async function pressEnter(page: RawPage): Promise<void> {
  const key = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 };
  await page.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '\r', ...key });
  await page.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
}
