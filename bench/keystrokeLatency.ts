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

/** Keystroke in Chromium (keydown → WebSocket send) → the echo's frame arriving in the page. */
async function browserLatency(page: Page) {
  await typeInTerminal(page, '');
  const samples: number[] = [];
  for (let i = 0; i < KEYS; i++) {
    const [sent, received] = await page.evaluate(() => [window.__stream.sentAt.length, window.__stream.recvAt.length]);
    await page.keyboard.press('x');
    await page.waitForFunction(
      ([s, r]) => window.__stream.sentAt.length > s && window.__stream.recvAt.length > r,
      [sent, received] as const,
      { polling: 'raf' },
    );
    samples.push(
      await page.evaluate(([s, r]) => window.__stream.recvAt[r]! - window.__stream.sentAt[s]!, [
        sent,
        received,
      ] as const),
    );
  }
  await page.keyboard.press('Control+U');
  return summarize(samples);
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
      goals: [
        below('keystroke → echo in Chromium, p99', browserSide.p99Ms, 10, 'ms'),
        below('keystroke → echo in Chromium, p50', browserSide.p50Ms, 2, 'ms'),
      ],
      memory: { oneTerminal: one, tenTerminals: ten },
    };
  } finally {
    await browser.close();
    await lab.stop();
  }
}
