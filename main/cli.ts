import { runCli } from './cli/runCli';
import { LABVISOR_VERSION } from './app/version';

const code = await runCli(
  process.argv.slice(2),
  {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    env: process.env,
  },
  LABVISOR_VERSION,
);
process.exitCode = code;
