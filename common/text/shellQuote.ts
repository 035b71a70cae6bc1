/** POSIX single quotes: a shell (or Python's shlex, as Ansible splits ssh arguments) sees the argument literally. */
export function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}
