import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { configLines, matchPattern, type ConfigLine } from './sshConfigLines';

/** Where `Include` and `~` point: the user's home (`~/.ssh` for relative includes). */
export interface IncludeContext {
  home: string;
  /** Reads an included file; the system's file system unless a test says otherwise. */
  readFile?: (path: string) => string;
  listDir?: (dir: string) => string[];
}

/** A directive, or the start/end of an included file (whose Host/Match lines end at its end). */
export type FlatLine = ConfigLine | { keyword: '#include-start' | '#include-end'; file: string; line: number };

const MAX_DEPTH = 16;

/**
 * Inlines `Include` as OpenSSH does: relative paths are under `~/.ssh`, `~` is the home, globs expand in
 * sorted order, missing files are skipped. The included lines keep their own file and line for messages.
 */
export function flattenIncludes(lines: ConfigLine[], ctx: IncludeContext, warnings: string[], depth = 0): FlatLine[] {
  const out: FlatLine[] = [];
  const read = ctx.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  for (const l of lines) {
    if (l.keyword !== 'include') {
      out.push(l);
      continue;
    }
    if (depth >= MAX_DEPTH) {
      warnings.push(`${l.file} line ${l.line}: Include nested more than ${MAX_DEPTH} deep; not followed`);
      continue;
    }
    for (const arg of l.args) {
      const path = arg.startsWith('~/')
        ? join(ctx.home, arg.slice(2))
        : isAbsolute(arg)
          ? arg
          : join(ctx.home, '.ssh', arg);
      for (const file of expandGlob(path, ctx)) {
        let text: string;
        try {
          text = read(file);
        } catch {
          continue;
        }
        const parsed = configLines(text, file);
        for (const e of parsed.errors) warnings.push(e);
        out.push({ keyword: '#include-start', file, line: l.line });
        out.push(...flattenIncludes(parsed.lines, ctx, warnings, depth + 1));
        out.push({ keyword: '#include-end', file, line: l.line });
      }
    }
  }
  return out;
}

/** `glob(3)` for the `*`/`?` patterns ssh_config uses, component by component, sorted. */
function expandGlob(path: string, ctx: IncludeContext): string[] {
  const list = ctx.listDir ?? ((d: string) => readdirSync(d));
  const parts = path.split('/');
  let bases = [parts[0] === '' ? '/' : parts[0]!];
  for (const part of parts.slice(1)) {
    if (!part) continue;
    if (!/[*?[]/.test(part)) {
      bases = bases.map((b) => join(b, part));
      continue;
    }
    const next: string[] = [];
    for (const b of bases) {
      let names: string[];
      try {
        names = list(b);
      } catch {
        continue;
      }
      for (const n of names.sort()) if (!n.startsWith('.') && matchPattern(n, part, false)) next.push(join(b, n));
    }
    bases = next;
  }
  return bases;
}
