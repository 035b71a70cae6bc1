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

const RUNS = 7;

/** Spawns `node ARGS` and waits for the JSON line with the URL it prints once it listens. */
function startNode(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`node ${args.join(' ')} exited with ${code}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * Cold start of `labvisor serve` to the first interactive page (process spawn → the app has loaded the
 * inventory and shows the hosts view), against a bare Node static server (bench/staticServer.mjs, its own
 * process) delivering the same built page to first paint: the same files, whose initial modules Chromium
 * fetches and runs, until the page's `load` event has fired and React has painted the app's shell (without an
 * API the page cannot show more; its WebSocket is refused). Both in the same Chromium, alternately.
 */
export async function run() {
  const browser = await chromium.launch(CHROMIUM);
  const labvisor: number[] = [];
  const listening: number[] = [];
  const floor: number[] = [];
  const floorListening: number[] = [];
  const inProcess: number[] = [];
  const index = readFileSync('out/renderer/index.html');
  try {
    for (let i = 0; i < RUNS; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'labvisor-cold-'));
      const page = await browser.newPage();
      const t0 = performance.now();
      const serve = await startNode(['bin/labvisor.js', 'serve', '--json', '--port', '0', '--data-dir', dataDir]);
      try {
        listening.push(performance.now() - t0);
        await page.goto(serve.url);
        // Interactive = the first inventory call has answered and the hosts view shows (empty on a fresh data dir).
        await page.locator('#empty-title').waitFor({ timeout: 30_000 });
        labvisor.push(performance.now() - t0);
        await page.close();
      } finally {
        await stop(serve.child);
        rmSync(dataDir, { recursive: true, force: true });
      }

      const bare = await browser.newPage();
      const t1 = performance.now();
      const reference = await startNode(['bench/staticServer.mjs', 'out/renderer']);
      try {
        floorListening.push(performance.now() - t1);
        await bare.goto(reference.url);
        await bare.locator('nav.rail .rail-item').first().waitFor({ timeout: 30_000 });
        floor.push(performance.now() - t1);
        await bare.close();
      } finally {
        await stop(reference.child);
      }

      // The reference this benchmark used until session 3, kept as information: a server inside this process
      // (no Node start) answering every URL with index.html, so the page's scripts never ran.
      const old = await browser.newPage();
      const t2 = performance.now();
      const server = createServer((_req, res) => res.end(index)).listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      await old.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { waitUntil: 'domcontentloaded' });
      inProcess.push(performance.now() - t2);
      await old.close();
      server.closeAllConnections();
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
    bareStaticServerSpawnToListeningMs: round(median(floorListening)),
    inProcessIndexOnlyToDomContentLoadedMs: round(median(inProcess)),
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
    note:
      'labvisor includes spawning Node, opening SQLite, the token redirect, the WebSocket and the first inventory ' +
      'call. The reference (bareStaticServer*) spawns bench/staticServer.mjs and loads the same built page until ' +
      'its load event and the app shell painted. inProcessIndexOnlyToDomContentLoadedMs is the reference used ' +
      'before session 3 (information only, no goal): a server inside the bench process answering every URL with ' +
      'index.html, so the page ran no JavaScript; its ratio was ' +
      `${round(median(labvisor) / median(inProcess))}× in this run.`,
  };
}
