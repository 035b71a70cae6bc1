import { PassThrough } from 'node:stream';
import { runCli } from '../cli/runCli';

export interface CapturedRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the CLI door in-process against `dataDir`, as a script would (no terminal), capturing stdout and stderr.
 * `input`, when given, is all of stdin; otherwise stdin stays open, as for a command that never reads it.
 */
export async function runCliCaptured(
  dataDir: string,
  args: string[],
  opts: { input?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<CapturedRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  if (opts.input !== undefined) stdin.end(opts.input);
  const code = await runCli(
    [`--data-dir=${dataDir}`, ...args],
    { stdout, stderr, stdin, interactive: false, env: opts.env ?? process.env },
    'test',
  );
  return { code, out, err };
}
