import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/browser';
import { median, percentile, round } from './stats';
import { instrumentStreams, openTerminalInPage, typeInTerminal } from './terminalPage';
import { openStreamSocket, startTerminalLab, type TerminalLab } from './terminalLab';
import { below } from './goals';

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
 * terminal's own /stream socket (the `socket`-th opened; the last one by default).
 */
async function browserLatency(page: Page, socket = -1) {
  await typeInTerminal(page, '');
  const counts = (i: number) =>
    page.evaluate((i) => {
      const s = window.__stream.sockets.at(i)!;
      return [s.sentAt.length, s.recvAt.length] as const;
    }, i);
  const samples: number[] = [];
  for (let k = 0; k < KEYS; k++) {
    const [sent, received] = await counts(socket);
    await page.keyboard.press('x');
    await page.waitForFunction(
      ([i, s, r]) => {
        const own = window.__stream.sockets.at(i)!;
        return own.sentAt.length > s && own.recvAt.length > r;
      },
      [socket, sent, received] as const,
      { polling: 'raf' },
    );
    samples.push(
      await page.evaluate(
        ([i, s, r]) => {
          const own = window.__stream.sockets.at(i)!;
          return own.recvAt[r]! - own.sentAt[s]!;
        },
        [socket, sent, received] as const,
      ),
    );
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
 * Keystroke-to-echo latency over loopback (goal p99 < 20 ms), and the memory of the service process and of the
 * page with one and with ten open terminals.
 */
export async function run() {
  const lab = await startTerminalLab();
  const browser = await chromium.launch(CHROMIUM);
  try {
    // The flood first: its terminals are closed before the rows measured quiet.
    const transportFlood = await transportLatencyUnderFlood(lab);
    const floodPage = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    await instrumentStreams(floodPage);
    const browserFlood = await browserLatencyUnderFlood(floodPage, lab);
    await floodPage.close();
    const transport = await transportLatency(lab);
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
    await instrumentStreams(page);
    await openTerminalInPage(page, lab);
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
      browser: browserSide,
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
    await lab.stop();
  }
}
