import { AppError } from '../result';

/**
 * POSIX single quotes: a POSIX shell (and virsh's own command parser, and Python's shlex, as Ansible splits ssh
 * arguments) sees the argument literally, whatever it holds — `;`, `$( )`, backquotes, quotes, spaces, newlines.
 * The one way a remote command line or a quoted config value is built from data. NUL cannot cross a command
 * line at all, so it is refused.
 */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new AppError('invalid_input', 'an argument for a remote command contains a NUL byte');
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** An argv as one command line for a remote POSIX shell, every word quoted. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
