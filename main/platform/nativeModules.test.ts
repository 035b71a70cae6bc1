import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBuildDir, sqliteBinding } from './nativeModules';

const node = { electron: undefined, platform: 'linux', arch: 'x64' };
const electron = { electron: '45.4.1', platform: 'linux', arch: 'x64' };
const root = '/repo/.native';
const built = join(root, 'electron-45.4.1-linux-x64', 'better_sqlite3.node');

describe('choosing the better-sqlite3 build for the runtime', () => {
  it('plain Node (CLI, serve, tests) always uses the package’s own build, even when an Electron build exists', () => {
    expect(sqliteBinding(node, root, () => true)).toBeUndefined();
  });

  it('Electron uses the separate build for its own version (hence ABI), platform and architecture', () => {
    expect(sqliteBinding(electron, root, (p) => p === built)).toBe(built);
    expect(electronBuildDir(root, electron)).toBe(join(root, 'electron-45.4.1-linux-x64'));
  });

  it('Electron without a separate build (a packaged app) uses the package’s own, rebuilt at packaging', () => {
    expect(sqliteBinding(electron, root, () => false)).toBeUndefined();
    expect(sqliteBinding(electron, undefined, () => true)).toBeUndefined();
  });

  it('a build for another Electron version or architecture is never picked', () => {
    expect(sqliteBinding({ ...electron, electron: '46.0.0' }, root, (p) => p === built)).toBeUndefined();
    expect(sqliteBinding({ ...electron, arch: 'arm64' }, root, (p) => p === built)).toBeUndefined();
  });
});
