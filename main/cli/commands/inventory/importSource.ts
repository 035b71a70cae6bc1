import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { IMPORT_LIMITS } from '../../../../common/contract/inventory';
import type { CliContext } from '../../cliTypes';

/** The file (or stdin) was refused before it was read: too big, or unreadable. */
export class SourceError extends Error {}

const tooBig = () =>
  new SourceError(`the file is larger than ${IMPORT_LIMITS.bytes / 1024 / 1024} MiB; split it (docs/cli.md)`);

/** Reads the file's bytes, refusing one over the import limit before reading it (stdin: as soon as it passes). */
export async function readImportBytes(ctx: CliContext, file: string): Promise<Buffer> {
  if (file !== '-') {
    const info = await stat(file);
    if (info.size > IMPORT_LIMITS.bytes) throw tooBig();
    return readFile(file);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.io.stdin) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += b.length;
    if (size > IMPORT_LIMITS.bytes) throw tooBig();
    chunks.push(b);
  }
  return Buffer.concat(chunks);
}

/** Folders Ansible reads beside an inventory; their files travel with the import. */
const COMPANION_DIRS = ['group_vars', 'host_vars'];

/**
 * `group_vars/` and `host_vars/` beside the file (files and one level of folders, as Ansible reads
 * `group_vars/web/*.yml`), by path relative to the file's folder.
 */
export async function readCompanions(file: string): Promise<Record<string, string>> {
  const base = dirname(file);
  const out: Record<string, string> = {};
  let total = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory() && depth < 2) await walk(path, depth + 1);
      else if (e.isFile()) {
        if (Object.keys(out).length >= IMPORT_LIMITS.companionFiles) throw new SourceError(`${dir}: too many files`);
        const size = (await stat(path)).size;
        total += size;
        if (total > IMPORT_LIMITS.bytes) throw tooBig();
        out[relative(base, path)] = await readFile(path, 'utf8');
      }
    }
  };
  for (const d of COMPANION_DIRS) await walk(join(base, d), 1);
  return out;
}
