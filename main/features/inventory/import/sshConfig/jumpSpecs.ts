import { basename } from 'node:path';
import { splitArgs } from './sshConfigLines';

/** One hop of a jump chain as written: `[user@]host[:port]`. */
export interface JumpSpec {
  user: string | null;
  host: string;
  port: number | null;
}

/** `user@host:port`, `host`, `[fd00::1]:22`, `ssh://user@host:port`; null when it is none of these. */
function parseJumpSpec(spec: string): JumpSpec | null {
  const m = /^(?:ssh:\/\/)?(?:([^@\s]+)@)?(\[[^\]]+\]|[^:@\s]+)(?::(\d+))?$/.exec(spec.trim());
  if (!m) return null;
  const port = m[3] === undefined ? null : Number(m[3]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { user: m[1] ?? null, host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

/** `ProxyJump a,b` → [a, b]: reach a, from a reach b, from b the host. */
export function parseProxyJump(value: string): JumpSpec[] | null {
  const hops = value.split(',').map(parseJumpSpec);
  return hops.every((h) => h !== null) ? (hops as JumpSpec[]) : null;
}

const WITH_ARGUMENT = new Set('BbcDEeFIiJLlmOoPpQRSWw'.split(''));

/**
 * The jump chain a `ProxyCommand` stands for, when it is ssh forwarding to the target: `ssh -W %h:%p gw`,
 * `ssh -q -J a -W %h:%p b -p 2222`, `ssh -l u gw nc %h %p`. Null for anything else (a script, `nc -X`...).
 */
export function proxyCommandChain(command: string): JumpSpec[] | null {
  const argv = splitArgs(command);
  if (!argv?.length || basename(argv[0]!) !== 'ssh') return null;
  let user: string | null = null;
  let port: number | null = null;
  let forwards = false;
  const jumps: JumpSpec[] = [];
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a === '-' || positional.length) {
      positional.push(a);
      continue;
    }
    const flag = a[1]!;
    if (!WITH_ARGUMENT.has(flag)) continue;
    const value = a.length > 2 ? a.slice(2) : argv[++i];
    if (value === undefined) return null;
    if (flag === 'W') forwards = value === '%h:%p' || value === '[%h]:%p';
    else if (flag === 'l') user = value;
    else if (flag === 'p') port = Number(value);
    else if (flag === 'J') {
      const chain = parseProxyJump(value);
      if (!chain) return null;
      jumps.push(...chain);
    } else if (flag === 'o') {
      const m = /^(\w+)\s*[=\s]\s*(.*)$/.exec(value);
      const key = m?.[1]?.toLowerCase();
      if (key === 'proxyjump') {
        const chain = parseProxyJump(m![2]!);
        if (!chain) return null;
        jumps.push(...chain);
      } else if (key === 'user') user = m![2]!;
      else if (key === 'port') port = Number(m![2]);
    }
  }
  const [destination, ...rest] = positional;
  if (!destination) return null;
  if (!forwards && !/^(nc|netcat|ncat)$/.test(rest[0] ?? '')) return null;
  if (!forwards && (rest[1] !== '%h' || rest[2] !== '%p')) return null;
  const target = parseJumpSpec(destination);
  if (!target || (port !== null && !(port >= 1 && port <= 65535))) return null;
  return [...jumps, { user: target.user ?? user, host: target.host, port: target.port ?? port }];
}
