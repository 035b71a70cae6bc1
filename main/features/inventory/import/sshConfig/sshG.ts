import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ToolRunner } from '../importTools';
import { parseSshG, type SshResolved } from './sshResolved';

/**
 * Aliases from a file are data: only names of the host-name grammar reach `ssh`, after `--`, so none can be
 * read as an option (`-oProxyCommand=...`) or carry shell or token syntax.
 */
export const SAFE_ALIAS = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

const PARALLEL = 4;

/**
 * Resolves each alias with OpenSSH's own `ssh -G -F FILE -- ALIAS` (nothing is connected), so precedence,
 * Match, Include, tokens and environment expansion are OpenSSH's. Returns null when ssh is not installed.
 */
export async function resolveWithSsh(
  run: ToolRunner,
  text: string,
  aliases: readonly string[],
): Promise<{ resolved: Map<string, SshResolved>; errors: string[]; defaultUser: string | null } | null> {
  const dir = await mkdtemp(join(tmpdir(), 'labvisor-sshg-'));
  try {
    const file = join(dir, 'config');
    await writeFile(file, text, { mode: 0o600 });
    const empty = join(dir, 'empty');
    await writeFile(empty, '', { mode: 0o600 });
    const baseline = await run('ssh', ['-G', '-F', empty, '--', 'labvisor-defaults']);
    if (baseline === null) return null;
    if (baseline.exitCode !== 0) throw new Error(`ssh -G failed: ${baseline.stderr.trim()}`);
    const defaults = parseSshG(baseline.stdout, null);
    const resolved = new Map<string, SshResolved>();
    const errors: string[] = [];
    const queue = aliases.filter((a) => SAFE_ALIAS.test(a));
    const worker = async () => {
      for (let alias = queue.shift(); alias !== undefined; alias = queue.shift()) {
        const r = await run('ssh', ['-G', '-F', file, '--', alias]);
        if (r === null) throw new Error('ssh disappeared while importing');
        if (r.exitCode !== 0) errors.push(`${alias}: ssh -G says: ${r.stderr.trim().split('\n').at(-1) ?? 'failed'}`);
        else resolved.set(alias, parseSshG(r.stdout, defaults));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return { resolved, errors, defaultUser: defaults.user };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
