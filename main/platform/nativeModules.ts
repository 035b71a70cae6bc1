import { join } from 'node:path';

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
 * Which better-sqlite3 binary to load. One checkout serves both runtimes: node_modules keeps the Node build
 * (CLI, `serve`, tests), and `npm start` / `npm run dev` build an Electron one beside it in its own folder per
 * Electron version, never over it. A packaged app has its node_modules rebuilt for Electron by electron-builder,
 * so without a separate build the package's own binary is used. undefined: let better-sqlite3 find its own.
 */
export function sqliteBinding(
  runtime: Runtime,
  nativeRoot: string | undefined,
  exists: (path: string) => boolean,
): string | undefined {
  if (!runtime.electron || !nativeRoot) return undefined;
  const candidate = join(electronBuildDir(nativeRoot, runtime), 'better_sqlite3.node');
  return exists(candidate) ? candidate : undefined;
}
