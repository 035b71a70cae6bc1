import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is lab/labPaths.ts). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Cached lab artefacts (kernel, initramfs, compiled SDRs) live under `.lab/` (git-ignored). */
export function labCacheDir(...parts: string[]): string {
  const dir = join(REPO_ROOT, '.lab', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
