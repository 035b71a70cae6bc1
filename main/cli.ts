import { LABVISOR_VERSION } from './app/version';

const argv = process.argv.slice(2);
// `labvisor --version` answers before any command module (and zod, SQLite, ...) loads.
if (argv.length === 1 && argv[0] === '--version') process.stdout.write(LABVISOR_VERSION + '\n');
else {
  // Both load at once (one wait for the disk, not two). The mode is set before any schema is built: runCli's own
  // modules build none; the command modules and the contract, which do, load after this.
  const [{ setZodMode }, { runCli }] = await Promise.all([import('./cli/zodMode'), import('./cli/runCli')]);
  setZodMode(argv[0] === 'serve');
  process.exitCode = await runCli(
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
