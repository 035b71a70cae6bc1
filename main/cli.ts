import { LABVISOR_VERSION } from './app/version';

const argv = process.argv.slice(2);
// `labvisor --version` answers before any command module (and zod, SQLite, ...) loads.
if (argv.length === 1 && argv[0] === '--version') process.stdout.write(LABVISOR_VERSION + '\n');
else {
  // Before any schema is built or parsed (the command modules do both when they load).
  (await import('./cli/zodMode')).setZodMode(argv[0] === 'serve');
  const { runCli } = await import('./cli/runCli');
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
