import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The runtime native modules must match: Node (the CLI, `serve`, tests) or Electron (the desktop app). */
export interface Runtime {
  /** `process.versions.electron`; undefined on plain Node. */
  electron: string | undefined;
  platform: string;
  arch: string;
}

export function currentRuntime(): Runtime {
  return {
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
  };
}

/**
 * The folder, under `nativeRoot`, holding the native builds for one Electron version, platform and
 * architecture (scripts/electron-native.mjs); the version fixes the ABI.
 */
export function electronBuildDir(nativeRoot: string, runtime: Pick<Runtime, 'electron' | 'platform' | 'arch'>): string {
  return join(nativeRoot, `electron-${runtime.electron}-${runtime.platform}-${runtime.arch}`);
}

/**
 * Where `npm ci` leaves better-sqlite3's own build. Passed to it by path because its default lookup (the `bindings`
 * package) reads a stack trace and tries a dozen paths on every start: 2-4 ms of each CLI command.
 */
export function packageSqliteBuild(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  return join(packageDir, 'build', 'Release', 'better_sqlite3.node');
}

/**
 * Which better-sqlite3 binary to load. One checkout serves both runtimes: node_modules keeps the Node build
 * (CLI, `serve`, tests), and `npm start` / `npm run dev` build an Electron one beside it in its own folder per
 * Electron version, never over it. A packaged app has its node_modules rebuilt for Electron by electron-builder,
 * so without a separate build the package's own binary is used. undefined: let better-sqlite3 find its own (a
 * build somewhere other than `packageBuild()`, e.g. a debug build).
 */
export function sqliteBinding(
  runtime: Runtime,
  nativeRoot: string | undefined,
  exists: (path: string) => boolean,
  packageBuild: () => string,
): string | undefined {
  if (!runtime.electron) {
    const own = packageBuild();
    return exists(own) ? own : undefined;
  }
  if (!nativeRoot) return undefined;
  const candidate = join(electronBuildDir(nativeRoot, runtime), 'better_sqlite3.node');
  return exists(candidate) ? candidate : undefined;
}
