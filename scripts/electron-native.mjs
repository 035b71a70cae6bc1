#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>-<platform>-<arch>/, beside (never over)
// the Node build in node_modules that the CLI, `serve` and the tests load. main/platform/nativeModules.ts picks
// the right one at run time. Run by `npm start` and `npm run dev` before Electron starts; does nothing when the
// build for this Electron already exists. A prebuilt binary is fetched if one is published (prebuild-install),
// else it is compiled against Electron's headers (node-gyp, needs a C++ toolchain).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electron = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const out = join(root, '.native', `electron-${electron}-${process.platform}-${process.arch}`);
const target = join(out, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electron} into ${out} …`);
const work = mkdtempSync(join(tmpdir(), 'labvisor-native-'));
const pkg = join(work, 'better-sqlite3');
cpSync(join(root, 'node_modules/better-sqlite3'), pkg, {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
});
const bin = (name) => join(root, 'node_modules/.bin', name);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: pkg, stdio: 'inherit' });
try {
  try {
    run(bin('prebuild-install'), ['--runtime=electron', `--target=${electron}`, `--arch=${process.arch}`]);
  } catch {
    run(bin('node-gyp'), [
      'rebuild',
      '--release',
      `--target=${electron}`,
      `--arch=${process.arch}`,
      '--dist-url=https://electronjs.org/headers',
    ]);
  }
  mkdirSync(out, { recursive: true });
  cpSync(join(pkg, 'build/Release/better_sqlite3.node'), target);
  console.log(`Electron's better-sqlite3 is ready: ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
