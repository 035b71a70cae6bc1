import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * Real V8 code caches of real files, as bin/labvisor.js loads out/main: an entry that requires a chunk by a
 * relative path, a Node built-in and an ES module (the built CLI requires execa, which is one).
 */
let dir: string;
let cacheDir: string;
let entry: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-code-cache-'));
  cacheDir = join(dir, '.code-cache');
  mkdirSync(join(dir, 'chunks'));
  entry = join(dir, 'cli.cjs');
  writeFileSync(
    join(dir, 'chunks', 'part.cjs'),
    'exports.twice = (n) => 2 * n;\nexports.where = () => new Error("here").stack.split("\\n")[1];\n',
  );
  writeFileSync(join(dir, 'esm.mjs'), 'export const name = "an ES module";\n');
  writeFileSync(
    entry,
    [
      'const part = require("./chunks/part.cjs");',
      'const { basename } = require("node:path");',
      `exports.run = async (n) => ({ value: part.twice(n), file: basename(__filename), esm: require("./esm.mjs").name });`,
      'exports.where = part.where;',
    ].join('\n'),
  );
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/**
 * One start of a fresh Node process, as each CLI command is: within one process V8 reuses what it compiled
 * earlier and never looks at the cache, so only a new process shows whether the cache was taken.
 */
function runOnce(cache = cacheDir): {
  result: { value: number; file: string; esm: string };
  report: Record<string, 'cached' | 'compiled'>;
  where: string;
} {
  const script = [
    `import { codeCacheLoader } from ${JSON.stringify(join(__dirname, 'codeCache.ts'))};`,
    `const loader = codeCacheLoader(${JSON.stringify(cache)});`,
    `const entry = loader.load(${JSON.stringify(entry)});`,
    'const result = await entry.run(21);',
    'loader.save();',
    'console.log(JSON.stringify({ result, report: Object.fromEntries(loader.report), where: entry.where() }));',
  ].join('\n');
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as ReturnType<typeof runOnce>;
}
const cacheFiles = () => readdirSync(cacheDir).sort();

describe('codeCacheLoader', () => {
  it('compiles and caches on the first run, then runs every file from its cache', () => {
    const first = runOnce();
    expect(first.result).toEqual({ value: 42, file: 'cli.cjs', esm: 'an ES module' });
    expect(Object.values(first.report)).toEqual(['compiled', 'compiled']);
    expect(cacheFiles()).toHaveLength(2);

    const second = runOnce();
    expect(second.result).toEqual(first.result);
    expect(Object.values(second.report)).toEqual(['cached', 'cached']);
    // Stack traces still name the file and line.
    expect(second.where).toContain(`${join(dir, 'chunks', 'part.cjs')}:2:`);
  });

  it('never uses a cache made for other text: an edited file is compiled and cached under a new name', () => {
    runOnce();
    writeFileSync(join(dir, 'chunks', 'part.cjs'), 'exports.twice = (n) => 3 * n;\nexports.where = () => "";\n');
    const edited = runOnce();
    expect(edited.result.value).toBe(63);
    expect(edited.report[join(dir, 'chunks', 'part.cjs')]).toBe('compiled');
    expect(edited.report[entry]).toBe('cached');
    expect(cacheFiles()).toHaveLength(3);
  });

  it('ignores a corrupted or torn cache file and writes a good one', () => {
    runOnce();
    for (const name of cacheFiles()) {
      const path = join(cacheDir, name);
      const bytes = readFileSync(path);
      bytes[bytes.length - 5]! ^= 0xff; // one flipped bit pattern in the data: the checksum no longer matches
      writeFileSync(path, name.startsWith('cli') ? bytes : bytes.subarray(0, 40)); // and one torn file
    }
    const again = runOnce();
    expect(again.result.value).toBe(42);
    expect(Object.values(again.report)).toEqual(['compiled', 'compiled']);
    expect(Object.values(runOnce().report)).toEqual(['cached', 'cached']);
  });

  it('replaces data V8 refuses (another V8 version or flags): a well-formed file that is not a code cache', () => {
    runOnce();
    for (const name of cacheFiles()) {
      const junk = Buffer.alloc(4096, 7);
      writeFileSync(join(cacheDir, name), Buffer.concat([createHash('sha256').update(junk).digest(), junk]));
    }
    const again = runOnce();
    expect(again.result.value).toBe(42);
    expect(Object.values(again.report)).toEqual(['compiled', 'compiled']);
    expect(Object.values(runOnce().report)).toEqual(['cached', 'cached']);
  });

  it('runs without caching where the cache cannot be written (a read-only install)', () => {
    // Below a file: no user (root included, who ignores permissions) can create that folder.
    writeFileSync(join(dir, 'not-a-dir'), '');
    const cache = join(dir, 'not-a-dir', 'cache');
    expect(runOnce(cache)).toMatchObject({ result: { value: 42 }, report: { [entry]: 'compiled' } });
    expect(runOnce(cache)).toMatchObject({ result: { value: 42 }, report: { [entry]: 'compiled' } });
    expect(readdirSync(dir).sort()).toEqual(['chunks', 'cli.cjs', 'esm.mjs', 'not-a-dir']);
  });
});
