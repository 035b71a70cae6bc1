import { userInfo } from 'node:os';
import { flattenIncludes, type FlatLine, type IncludeContext } from './sshConfigIncludes';
import { configLines, matchPatternList } from './sshConfigLines';
import type { SshResolved } from './sshResolved';

export interface FallbackContext extends IncludeContext {
  /** The local user name (`Match localuser`, and the user when none is set). */
  localUser?: string;
}

/**
 * Labvisor's own ssh_config reader for machines without OpenSSH: evaluates the file top to bottom for one alias
 * the way `ssh -G` does — first value wins (IdentityFile accumulates), `Host` patterns against the alias,
 * `Match` criteria against the values set so far, `Include` inline and conditional on its block.
 */
export class SshConfigFallback {
  readonly warnings: string[] = [];
  readonly errors: string[] = [];
  private readonly lines: FlatLine[];
  private readonly localUser: string;

  constructor(text: string, file: string, ctx: FallbackContext) {
    const parsed = configLines(text, file);
    this.errors.push(...parsed.errors);
    this.lines = flattenIncludes(parsed.lines, ctx, this.warnings);
    this.localUser = ctx.localUser ?? userInfo().username;
    for (const l of this.lines) {
      if ('args' in l && l.keyword === 'match' && /(^|\s)!?(exec|canonical|final|tagged)\b/i.test(l.args.join(' ')))
        this.warnings.push(
          `${l.file} line ${l.line}: Match ${l.args.join(' ')} is not evaluated without OpenSSH (treated as not matching)`,
        );
    }
  }

  /** Every `Host` name without a wildcard, in file order (includes followed). */
  concreteAliases(): { alias: string; line: number }[] {
    const out: { alias: string; line: number }[] = [];
    for (const l of this.lines) {
      if (!('args' in l) || l.keyword !== 'host') continue;
      for (const p of l.args) if (!/[*?!]/.test(p)) out.push({ alias: p, line: l.line });
    }
    return out;
  }

  resolve(alias: string): SshResolved {
    const set = new Map<string, string>();
    const identityFiles: string[] = [];
    const stack: boolean[] = [];
    let active = true;
    for (const l of this.lines) {
      if (l.keyword === '#include-start') {
        stack.push(active);
        continue;
      }
      if (l.keyword === '#include-end') {
        active = stack.pop() ?? true;
        continue;
      }
      if (!('args' in l)) continue;
      const enclosing = stack.length ? stack[stack.length - 1]! : true;
      if (l.keyword === 'host') {
        active = enclosing && matchPatternList(alias, l.args);
        continue;
      }
      if (l.keyword === 'match') {
        active = enclosing && this.match(l.args, alias, set);
        continue;
      }
      if (!active) continue;
      const value = l.args.join(' ');
      if (l.keyword === 'identityfile') {
        if (!identityFiles.includes(value)) identityFiles.push(value);
      } else if (l.keyword === 'proxyjump' || l.keyword === 'proxycommand') {
        // The first of ProxyJump and ProxyCommand wins; each excludes the other.
        if (!set.has('proxyjump') && !set.has('proxycommand')) set.set(l.keyword, value);
      } else if (!set.has(l.keyword)) set.set(l.keyword, value);
    }
    const hostname = (set.get('hostname') ?? alias).replace(/%(%|h)/g, (_, t: string) => (t === '%' ? '%' : alias));
    const port = set.has('port') ? Number(set.get('port')) : null;
    const user = set.get('user') ?? null;
    const jump = set.get('proxyjump') ?? null;
    const command = set.get('proxycommand') ?? null;
    return {
      hostname,
      user,
      port: port === 22 ? null : port,
      identityFiles,
      proxyJump: jump && jump.toLowerCase() !== 'none' ? jump : null,
      proxyCommand: command && command.toLowerCase() !== 'none' ? command : null,
    };
  }

  /** `Match` criteria, all of which must hold; `!` negates one. Values are those set so far, as in ssh. */
  private match(args: string[], alias: string, set: Map<string, string>): boolean {
    for (let i = 0; i < args.length; i++) {
      let criterion = args[i]!.toLowerCase();
      const negated = criterion.startsWith('!');
      if (negated) criterion = criterion.slice(1);
      if (criterion === 'all') {
        if (negated) return false;
        continue;
      }
      const arg = args[++i];
      if (arg === undefined) return false;
      const list = arg.split(',');
      let result: boolean;
      switch (criterion) {
        case 'host':
          result = matchPatternList(set.get('hostname')?.replaceAll('%h', alias) ?? alias, list);
          break;
        case 'originalhost':
          result = matchPatternList(alias, list);
          break;
        case 'user':
          result = matchPatternList(set.get('user') ?? this.localUser, list);
          break;
        case 'localuser':
          result = matchPatternList(this.localUser, list);
          break;
        default:
          return false;
      }
      if (result === negated) return false;
    }
    return true;
  }
}
