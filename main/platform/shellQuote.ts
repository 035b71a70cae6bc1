/** POSIX single quotes: a remote shell sees the argument literally, whatever it contains. */
export function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
