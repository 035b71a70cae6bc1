import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { electronBuildDir, packageSqliteBuild, sqliteBinding } from './nativeModules';

const node = { electron: undefined, platform: 'linux', arch: 'x64' };
const electron = { electron: '45.4.1', platform: 'linux', arch: 'x64' };
const root = '/repo/.native';
const built = join(root, 'electron-45.4.1-linux-x64', 'better_sqlite3.node');
const own = '/repo/node_modules/better-sqlite3/build/Release/better_sqlite3.node';

describe('choosing the better-sqlite3 build for the runtime', () => {
  it('plain Node (CLI, serve, tests) always uses the package’s own build, even when an Electron build exists', () => {
    expect(
      sqliteBinding(
        node,
        root,
        () => true,
        () => own,
      ),
    ).toBe(own);
    expect(
      sqliteBinding(
        node,
        undefined,
        (p) => p === own,
        () => own,
      ),
    ).toBe(own);
  });

  it('plain Node without the package’s release build lets better-sqlite3 search for its own', () => {
    expect(
      sqliteBinding(
        node,
        root,
        (p) => p !== own,
        () => own,
      ),
    ).toBeUndefined();
  });

  it('finds the package’s release build where npm ci put it', () => {
    expect(packageSqliteBuild()).toMatch(/better-sqlite3[/\\]build[/\\]Release[/\\]better_sqlite3\.node$/);
    expect(existsSync(packageSqliteBuild())).toBe(true);
  });

  it('Electron uses the separate build for its own version (hence ABI), platform and architecture', () => {
    expect(
      sqliteBinding(
        electron,
        root,
        (p) => p === built,
        () => own,
      ),
    ).toBe(built);
    expect(electronBuildDir(root, electron)).toBe(join(root, 'electron-45.4.1-linux-x64'));
  });

  it('Electron without a separate build (a packaged app) uses the package’s own, rebuilt at packaging', () => {
    expect(
      sqliteBinding(
        electron,
        root,
        () => false,
        () => own,
      ),
    ).toBeUndefined();
    expect(
      sqliteBinding(
        electron,
        undefined,
        () => true,
        () => own,
      ),
    ).toBeUndefined();
  });

  it('a build for another Electron version or architecture is never picked', () => {
    expect(
      sqliteBinding(
        { ...electron, electron: '46.0.0' },
        root,
        (p) => p === built,
        () => own,
      ),
    ).toBeUndefined();
    expect(
      sqliteBinding(
        { ...electron, arch: 'arm64' },
        root,
        (p) => p === built,
        () => own,
      ),
    ).toBeUndefined();
  });
});
