import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../e2e/support/browser';
import { median, round } from './stats';
import { atMost } from './goals';

const RUNS = 5;

function startServe(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['bin/labvisor.js', 'serve', '--json', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`labvisor serve exited with ${code}`)));
  });
}

/**
 * Cold start of `labvisor serve` to the first interactive page (process spawn → the app has loaded the
 * inventory and shows the hosts view), against a bare Node static server delivering the same built page to
 * first paint, both in the same Chromium.
 */
export async function run() {
  const browser = await chromium.launch(CHROMIUM);
  const labvisor: number[] = [];
  const listening: number[] = [];
  const floor: number[] = [];
  const index = readFileSync('out/renderer/index.html');
  try {
    for (let i = 0; i < RUNS; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'labvisor-cold-'));
      const page = await browser.newPage();
      const t0 = performance.now();
      const { child, url } = await startServe(dataDir);
      try {
        listening.push(performance.now() - t0);
        await page.goto(url);
        // Interactive = the first inventory call has answered and the hosts view shows (empty on a fresh data dir).
        await page.locator('#empty-title').waitFor({ timeout: 30_000 });
        labvisor.push(performance.now() - t0);
        await page.close();
      } finally {
        child.kill('SIGTERM');
        rmSync(dataDir, { recursive: true, force: true });
      }

      const bare = await browser.newPage();
      const t1 = performance.now();
      const server = createServer((_req, res) => res.end(index)).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      await bare.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { waitUntil: 'domcontentloaded' });
      floor.push(performance.now() - t1);
      await bare.close();
      server.close();
    }
  } finally {
    await browser.close();
  }
  return {
    runs: RUNS,
    labvisorColdStartToInteractiveMs: round(median(labvisor)),
    labvisorSpawnToListeningMs: round(median(listening)),
    labvisorListeningToInteractiveMs: round(median(labvisor.map((ms, i) => ms - listening[i]!))),
    bareStaticServerToPageMs: round(median(floor)),
    goals: [
      atMost(
        'cold start: spawn serve → interactive, vs bare static server',
        round(median(labvisor) / median(floor)),
        4,
        '×',
        {
          labvisor: `${round(median(labvisor), 0)} ms`,
          reference: `${round(median(floor), 0)} ms`,
        },
      ),
    ],
    note: 'labvisor includes spawning Node, opening SQLite, the token redirect, the WebSocket and the first inventory call',
  };
}
