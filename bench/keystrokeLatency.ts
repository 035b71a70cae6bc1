import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/browser';
import { median, percentile, round } from './stats';
import { instrumentStreams, openTerminalInPage, typeInTerminal } from './terminalPage';
import { openStreamSocket, startTerminalLab, type TerminalLab } from './terminalLab';
import { below } from './goals';
import { DISABLED_CHROMIUM_FEATURES } from '../main/chromiumFeatures';

const KEYS = 300;
/** Ten terminals on one host: more than one SSH connection carries (MaxSessions 10, one held by the sampler). */
const TERMINALS = 10;

/** Keystroke → echo over the stream WebSocket from Node: Labvisor's transport and SSH alone, no browser. */
async function transportLatency(lab: TerminalLab) {
  const term = await openStreamSocket(lab);
  await term.readUntil((tail) => tail.includes('$ '));
  const samples: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const t = performance.now();
    const echoed = term.readUntil((tail) => tail.length > 0);
    term.ws.send(Buffer.from('x'), { binary: true });
    await echoed;
    samples.push(performance.now() - t);
  }
  term.ws.send(Buffer.from('\x15'), { binary: true }); // Ctrl+U: drop the typed line
  term.ws.close();
  return summarize(samples);
}

/** The same while another terminal on the same host floods (`yes`): the flood must not hold the echo back. */
async function transportLatencyUnderFlood(lab: TerminalLab) {
  const flood = await openStreamSocket(lab);
  await flood.readUntil((tail) => tail.includes('$ '));
  flood.ws.send(Buffer.from('yes\r'), { binary: true });
  await flood.readUntil((tail) => tail.includes('y\r\ny\r\n'));
  try {
    return await transportLatency(lab);
  } finally {
    flood.ws.close();
  }
}

/**
 * Keystroke in Chromium (keydown → WebSocket send) → the echo's frame arriving in the page, on the focused
 * terminal's own /stream socket (the `socket`-th opened; the last one by default). The page is told what to wait
 * for before the key goes out, and answers when the echo's message event has run: nothing of the harness runs in
 * the page between the keystroke and its echo. `rafPolling` measures as this bench did until session 3
 * (Playwright's waitForFunction polling in requestAnimationFrame after the key, which a user's page does not do:
 * a callback every frame and a CDP call landing while the echo is on its way), kept as information.
 */
async function browserLatency(page: Page, socket = -1, wait: 'event' | 'rafPolling' = 'event') {
  await typeInTerminal(page, '');
  const counts = (i: number) =>
    page.evaluate((i) => {
      const s = window.__stream.sockets.at(i)!;
      return [s.sentAt.length, s.recvAt.length] as const;
    }, i);
  const samples: number[] = [];
  for (let k = 0; k < KEYS; k++) {
    const [sent, received] = await counts(socket);
    // The echo's time once it has arrived (at once if it already has). No named inner functions: tsx would wrap
    // them in a helper the page does not have.
    const echo = ([i, s, r]: readonly [number, number, number]) => {
      const own = window.__stream.sockets.at(i)!;
      return new Promise<number>((resolve) => {
        if (own.recvAt.length > r) resolve(own.recvAt[r]! - own.sentAt[s]!);
        else own.waiting.push(() => resolve(own.recvAt[r]! - own.sentAt[s]!));
      });
    };
    if (wait === 'event') {
      const sample = page.evaluate(echo, [socket, sent, received] as const);
      await page.keyboard.press('x');
      samples.push(await sample);
      continue;
    }
    await page.keyboard.press('x');
    await page.waitForFunction(
      ([i, s, r]) => {
        const own = window.__stream.sockets.at(i)!;
        return own.sentAt.length > s && own.recvAt.length > r;
      },
      [socket, sent, received] as const,
      { polling: 'raf' },
    );
    samples.push(await page.evaluate(echo, [socket, sent, received] as const));
  }
  await page.keyboard.press('Control+U');
  return summarize(samples);
}

/**
 * Two terminals on the same host in the page: the first runs `yes` in a hidden tab, keystrokes go to the second
 * (the active tab). Both share the SSH connection, the service's event loop and the page's main thread.
 */
async function browserLatencyUnderFlood(page: Page, lab: TerminalLab) {
  await openTerminalInPage(page, lab);
  await typeInTerminal(page, 'yes\r');
  await page.waitForFunction(() => window.__stream.tail.includes('y\r\ny\r\n'), undefined, { timeout: 30_000 });
  const before = await page.evaluate(() => window.__stream.received);
  await openTerminalInPage(page, lab);
  const latency = await browserLatency(page);
  const flooded = (await page.evaluate(() => window.__stream.received)) - before;
  return { ...latency, floodMiB: round(flooded / 1024 / 1024) };
}

function summarize(samples: number[]) {
  return {
    samples: samples.length,
    p50Ms: round(median(samples)),
    p99Ms: round(percentile(samples, 99)),
    maxMs: round(Math.max(...samples)),
  };
}

/**
 * Chromium as the desktop app runs it: with the features main/index.ts turns off. Chromium reads only the last
 * --disable-features, so Playwright's own list (read from `plain`'s chrome://version) stays in it.
 */
async function launchLikeDesktop(plain: Browser): Promise<Browser> {
  const page = await plain.newPage();
  await page.goto('chrome://version');
  const commandLine = await page.locator('#command_line').innerText();
  await page.close();
  const playwrights = [...commandLine.matchAll(/--disable-features=(\S+)/g)].flatMap((m) => m[1]!.split(','));
  const features = [...playwrights, ...DISABLED_CHROMIUM_FEATURES].join(',');
  return chromium.launch({ ...CHROMIUM, args: [...CHROMIUM.args!, `--disable-features=${features}`] });
}

/** The `labvisor serve` process, found by its listening port (ss -ltnp). */
function pidListeningOn(port: number): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  return Number(/pid=(\d+)/.exec(out)![1]);
}

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function jsHeapMiB(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return round(metrics.find((m) => m.name === 'JSHeapUsedSize')!.value / 1024 / 1024);
}

/**
 * Keystroke-to-echo latency over loopback, from Node and in Chromium configured as the desktop app configures its
 * own (the goals; quiet and while another terminal floods), and the memory of the service process and of the page
 * with one and with ten open terminals.
 */
export async function run() {
  const lab = await startTerminalLab();
  // A browser tab on `serve` (Chromium's defaults), and the desktop app's Chromium (the goals).
  const plain = await chromium.launch(CHROMIUM);
  const browser = await launchLikeDesktop(plain);
  try {
    // The flood first: its terminals are closed before the rows measured quiet.
    const transportFlood = await transportLatencyUnderFlood(lab);
    const floodPage = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    await instrumentStreams(floodPage);
    const browserFlood = await browserLatencyUnderFlood(floodPage, lab);
    await floodPage.close();
    const transport = await transportLatency(lab);
    const tab = await plain.newPage({ viewport: { width: 1440, height: 860 } });
    await instrumentStreams(tab);
    await openTerminalInPage(tab, lab);
    const inBrowserTab = await browserLatency(tab);
    const asMeasuredBefore = await browserLatency(tab, -1, 'rafPolling');
    await tab.close();
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    await instrumentStreams(page);
    await openTerminalInPage(page, lab);
    // Which of xterm's renderers draws here (the product picks DOM when WebGL is software, as in this Chromium).
    const renderer = await page.locator('.terminal-pane.focused .xterm').getAttribute('data-renderer');
    const browserSide = await browserLatency(page);
    const pid = pidListeningOn(lab.server.port);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const one = { serviceRssMiB: rssMiB(pid), pageJsHeapMiB: await jsHeapMiB(cdp) };
    await openTerminalInPage(page, lab, TERMINALS - 1);
    await page.waitForFunction((n) => document.querySelectorAll('.terminal-tab').length >= n, TERMINALS);
    await page.waitForTimeout(2000);
    await cdp.send('HeapProfiler.collectGarbage');
    const ten = { serviceRssMiB: rssMiB(pid), pageJsHeapMiB: await jsHeapMiB(cdp) };
    return {
      transport,
      renderer,
      disabledChromiumFeatures: DISABLED_CHROMIUM_FEATURES,
      browser: browserSide,
      // Information, not goals: the same keystrokes in a browser tab on `serve` (Chromium holds the echo until the
      // frame after the keydown), and measured there as this bench did until session 3 (polling every frame).
      inBrowserTabWithChromiumDefaults: inBrowserTab,
      asMeasuredBeforeSession3: asMeasuredBefore,
      whileAnotherTerminalFloods: {
        transport: transportFlood,
        browser: browserFlood,
        // Side by side in this run: what the flood adds to the echo, whatever the machine's load.
        p50VsQuiet: round(browserFlood.p50Ms / browserSide.p50Ms),
        p99VsQuiet: round(browserFlood.p99Ms / browserSide.p99Ms),
      },
      goals: [
        below('keystroke → echo in Chromium, p99', browserSide.p99Ms, 10, 'ms'),
        below('keystroke → echo in Chromium, p50', browserSide.p50Ms, 2, 'ms'),
        below('keystroke → echo p99 while another terminal floods', browserFlood.p99Ms, 10, 'ms'),
        below('keystroke → echo p50 while another terminal floods', browserFlood.p50Ms, 2, 'ms'),
      ],
      memory: { oneTerminal: one, tenTerminals: ten },
    };
  } finally {
    await browser.close();
    await plain.close();
    await lab.stop();
  }
}
