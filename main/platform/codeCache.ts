import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import vm from 'node:vm';

/**
 * Loads the built CLI (CommonJS files in out/main) with V8's code cache, so a command does not parse and compile
 * the same ~400 kB of JavaScript on every start. Node 20 keeps no compile cache for ES modules or CommonJS
 * (`module.enableCompileCache` arrived in Node 22.1); this is the same idea for our own files only.
 *
 * - One cache file per source file, named by the SHA-256 of the source, the Node version, the architecture and
 *   Node's options: a rebuilt, edited or foreign file never meets a cache made for other text.
 * - Each cache file starts with the SHA-256 of its data, checked before V8 sees it: release builds of V8 do not
 *   checksum code caches, and a torn or corrupted file must not reach the deserializer. V8 still refuses data
 *   made by another version or with other flags (`cachedDataRejected`); the file is then made anew.
 * - Files are written to a temporary name and renamed, so concurrent commands never read half a file.
 * - The cache lives beside the code it caches (out/main/.code-cache): it is exactly as trusted as the code,
 *   `npm run build` empties it, and where that folder is not writable nothing is cached.
 * Any failure to read or write the cache only costs the compile it would have saved.
 *
 * A script compiled here cannot run `import()` (Node 20 offers that only through an experimental option that
 * warns on stderr, and it is lost when the script comes from a cache): the build turns every `import()` into
 * `require` (electron.vite.config.ts).
 */
export interface CodeCacheLoader {
  /** The exports of a CommonJS file; files it requires by a relative `.cjs` path load through this loader too. */
  load(file: string): unknown;
  /** Writes the caches of the files compiled without one (call once the command has run: V8 then includes the
   * functions compiled while it ran). */
  save(): void;
  /** What happened per file so far, for tests: `cached` (V8 took the cache) or `compiled`. */
  readonly report: ReadonlyMap<string, 'cached' | 'compiled'>;
}

const HASH_BYTES = 32;
const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest();

function readCache(path: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  if (file.length <= HASH_BYTES) return undefined;
  const data = file.subarray(HASH_BYTES);
  return sha256(data).equals(file.subarray(0, HASH_BYTES)) ? data : undefined;
}

function writeCache(path: string, data: Buffer): void {
  try {
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, Buffer.concat([sha256(data), data]), { mode: 0o600 });
    renameSync(temporary, path);
  } catch {
    // A read-only install or a full disk: the next start compiles again.
  }
}

export function codeCacheLoader(cacheDir: string): CodeCacheLoader {
  // V8 refuses a cache made under other flags: runs with other flags (`--max-old-space-size`, NODE_OPTIONS) keep
  // their own files instead of rewriting each other's on every start.
  const flags = sha256([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join('\0'))
    .toString('hex')
    .slice(0, 8);
  const runtime = `${process.version}-${process.arch}-${flags}`;
  const modules = new Map<string, { exports: unknown }>();
  const report = new Map<string, 'cached' | 'compiled'>();
  const unsaved: { script: vm.Script; path: string }[] = [];

  const load = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    const module = { exports: {} as unknown };
    // Registered before it runs, as Node does, so a require cycle sees the partly filled exports.
    modules.set(file, module);
    const nodeRequire = createRequire(file);
    const bytes = readFileSync(file);
    const source = bytes.toString('utf8');
    const key = `${basename(file)}.${sha256(bytes).toString('hex').slice(0, 32)}.${runtime}`;
    const path = join(cacheDir, key);
    const cachedData = readCache(path);
    // The wrapper keeps line numbers as they are in the file (stack traces point at the right line).
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: file,
      ...(cachedData ? { cachedData } : {}),
    });
    const fromCache = cachedData !== undefined && !script.cachedDataRejected;
    report.set(file, fromCache ? 'cached' : 'compiled');
    if (!fromCache) unsaved.push({ script, path });
    const dir = dirname(file);
    const require = Object.assign(
      (id: string) => (id.startsWith('./') && id.endsWith('.cjs') ? load(resolve(dir, id)) : nodeRequire(id)),
      { resolve: nodeRequire.resolve, cache: nodeRequire.cache },
    );
    const run = script.runInThisContext() as (...args: unknown[]) => void;
    run.call(module.exports, module.exports, require, module, file, dir);
    return module.exports;
  };

  return {
    load,
    save() {
      for (const { script, path } of unsaved.splice(0)) writeCache(path, script.createCachedData());
    },
    report,
  };
}
