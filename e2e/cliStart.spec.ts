import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT } from '../lab/labPaths';

/*
 * What the built `labvisor hosts list` reads (npm run build first): main/cli/hostsListLoads.test.ts walks the
 * sources; this checks the output of the build — that the command reads its start chunk and no other code of
 * ours, that the start chunk holds no machine feature, and that a second run takes its code from the cache.
 */
const OUT = join(REPO_ROOT, 'out/main');
const CACHE = join(OUT, '.code-cache');
const MACHINE = /^\/\/ (main\/(features\/(ssh|power|bmc|virt|metrics|console)|drivers)\/|main\/app\/machineServices)/m;

let work: string;
test.beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'labvisor-cli-start-'));
  // Records every file of out/main the command reads (the code cache loader reads them with readFileSync).
  writeFileSync(
    join(work, 'record.cjs'),
    [
      'const fs = require("node:fs");',
      'const read = fs.readFileSync;',
      'const seen = new Set();',
      `fs.readFileSync = function (file, ...rest) { if (String(file).startsWith(${JSON.stringify(OUT)})) seen.add(String(file)); return read.call(this, file, ...rest); };`,
      `process.on("exit", () => fs.writeFileSync(${JSON.stringify(join(work, 'read.json'))}, JSON.stringify([...seen])));`,
    ].join('\n'),
  );
});
test.afterAll(() => rmSync(work, { recursive: true, force: true }));

function hostsList(): string[] {
  const out = execFileSync(
    process.execPath,
    ['-r', join(work, 'record.cjs'), join(REPO_ROOT, 'bin/labvisor.js'), 'hosts', 'list', '--json'],
    { encoding: 'utf8', env: { ...process.env, LABVISOR_DATA_DIR: join(work, 'data') } },
  );
  expect(JSON.parse(out)).toEqual([]);
  return (JSON.parse(readFileSync(join(work, 'read.json'), 'utf8')) as string[]).map((f) => relative(OUT, f));
}
const cacheState = () =>
  Object.fromEntries(readdirSync(CACHE).map((name) => [name, statSync(join(CACHE, name)).mtimeMs]));

test('hosts list reads one start chunk and no machine code, and its second run uses the code cache', () => {
  rmSync(CACHE, { recursive: true, force: true });
  const code = hostsList().filter((f) => !f.startsWith('.code-cache'));
  // The entry, the loader, the bundler's runtime and the version (a few hundred bytes each), and the start chunk.
  expect(code.map((f) => f.replace(/-[\w-]{8}\.cjs$/, '')).sort()).toEqual([
    'chunks/cliStart',
    'chunks/rolldown-runtime',
    'chunks/version',
    'cli.cjs',
    'codeCache.cjs',
  ]);
  const start = code.find((f) => f.startsWith('chunks/cliStart-'))!;
  expect(readFileSync(join(OUT, start), 'utf8')).not.toMatch(MACHINE);
  // The pattern does find machine code where there is some.
  const machine = readdirSync(join(OUT, 'chunks')).find((f) => f.startsWith('machineServices-'))!;
  expect(readFileSync(join(OUT, 'chunks', machine), 'utf8')).toMatch(MACHINE);

  const written = cacheState();
  // One cache per file the loader compiled (the loader itself is loaded by Node).
  expect(Object.keys(written)).toHaveLength(code.length - 1);
  hostsList();
  // Every file was taken from its cache: none was compiled again, so none was written again.
  expect(cacheState()).toEqual(written);
});
