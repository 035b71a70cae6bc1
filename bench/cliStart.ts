import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atMost } from './goals';
import { median, round } from './stats';

const RUNS = 15;

function wall(args: string[]): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return performance.now() - t;
}

/**
 * The built CLI's start (npm run build first): `labvisor --version` and `labvisor hosts list` on an empty data
 * directory, against `node -e 0`, interleaved run by run so the same load on the machine hits all three.
 */
export async function run() {
  const dataDir = mkdtempSync(join(tmpdir(), 'labvisor-bench-cli-'));
  const bare: number[] = [];
  const version: number[] = [];
  const list: number[] = [];
  try {
    wall(['bin/labvisor.js', 'hosts', 'list', '--data-dir', dataDir]); // creates the database once
    for (let i = 0; i < RUNS; i++) {
      bare.push(wall(['-e', '0']));
      version.push(wall(['bin/labvisor.js', '--version']));
      list.push(wall(['bin/labvisor.js', 'hosts', 'list', '--json', '--data-dir', dataDir]));
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const nodeMs = median(bare);
  const ratio = (ms: number) => round(median([ms]) / nodeMs);
  const versionMs = median(version);
  const listMs = median(list);
  const fmt = (ms: number) => `${round(ms, 0)} ms`;
  return Promise.resolve({
    runs: RUNS,
    nodeMs: round(nodeMs),
    versionMs: round(versionMs),
    hostsListMs: round(listMs),
    goals: [
      atMost('CLI --version vs node -e 0', ratio(versionMs), 2, '×', {
        labvisor: fmt(versionMs),
        reference: fmt(nodeMs),
      }),
      atMost('CLI hosts list vs node -e 0', ratio(listMs), 2, '×', { labvisor: fmt(listMs), reference: fmt(nodeMs) }),
    ],
  });
}
