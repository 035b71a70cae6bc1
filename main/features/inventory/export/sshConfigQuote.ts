import { HOST_NAME_PATTERN, hasControlCharacters } from '../../../../common/domain/fieldGrammar';
import { AppError } from '../../../../common/result';

/**
 * One ssh_config argument, as OpenSSH's parser (argv_split) reads it back: double-quoted, with `\` and `"`
 * escaped by a backslash, and `%` doubled where the keyword expands tokens (IdentityFile, HostName). A value
 * that would end the line cannot be written at all.
 */
export function sshConfigArg(value: string, opts: { tokens?: boolean } = {}): string {
  if (hasControlCharacters(value))
    throw new AppError('invalid_input', 'ssh_config values cannot hold control characters');
  const text = opts.tokens ? value.replaceAll('%', '%%') : value;
  return /^[\p{L}\p{N}\p{M}_.,:@/~+=-]+$/u.test(text) ? text : `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** ProxyJump is not unquoted by ssh: the hop's name goes in as it is, so it must be a plain host name. */
export function proxyJumpArg(name: string): string {
  if (!HOST_NAME_PATTERN.test(name)) throw new AppError('invalid_input', `${JSON.stringify(name)} is not a host name`);
  return name;
}
