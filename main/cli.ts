import { pathToFileURL } from 'node:url';
import { LABVISOR_VERSION } from './app/version';

/**
 * The CLI's entry (bin/labvisor.js loads it, with the code cache, from out/main/cli.cjs): runs one command and
 * answers its exit code.
 */
export async function main(argv: string[]): Promise<number> {
  // `labvisor --version` answers before any command module (and zod, SQLite, ...) loads.
  if (argv.length === 1 && argv[0] === '--version') return (process.stdout.write(LABVISOR_VERSION + '\n'), 0);
  // Both load at once (one wait for the disk, not two). The mode is set before any schema is built: runCli's own
  // modules build none; the command modules and the contract, which do, load after this.
  const [{ setZodMode }, { runCli }] = await Promise.all([import('./cli/zodMode'), import('./cli/runCli')]);
  setZodMode(argv[0] === 'serve');
  return runCli(
    argv,
    {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      env: process.env,
    },
    LABVISOR_VERSION,
  );
}

// Run from the sources (`node --import tsx main/cli.ts ...`, as tests that spawn the CLI do), this file is the entry.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
