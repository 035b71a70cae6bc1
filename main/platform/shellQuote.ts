import { AppError } from '../../common/result';

/**
 * POSIX single quotes: a POSIX shell (and virsh's own command parser, which follows the same rules) sees the
 * argument literally, whatever it holds — `;`, `$( )`, backquotes, quotes, spaces, newlines. The one way any
 * feature builds a remote command line from data. NUL cannot cross a command line at all, so it is refused.
 */
export function shellQuote(arg: string): string {
  if (arg.includes('\0')) throw new AppError('invalid_input', 'an argument for a remote command contains a NUL byte');
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** An argv as one command line for a remote POSIX shell, every word quoted. */
export function shellCommand(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
