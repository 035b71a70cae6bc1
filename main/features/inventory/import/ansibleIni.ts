import { AnsibleInventory, type Vars } from './ansibleGroups';

/** Reads an INI inventory: `[group]`, `[group:vars]`, `[group:children]`, host lines with `key=value` vars. */
export function readAnsibleIni(text: string): AnsibleInventory {
  const inv = new AnsibleInventory();
  let section = { group: 'ungrouped', kind: 'hosts' };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const header = /^\[([^\]:]+)(?::(\w+))?\]$/.exec(trimmed);
    if (header) {
      section = { group: header[1]!.trim(), kind: header[2] ?? 'hosts' };
      inv.group(section.group);
      return;
    }
    const group = inv.group(section.group);
    if (section.kind === 'children') group.children.push(trimmed);
    else if (section.kind === 'vars') Object.assign(group.vars, tokens(trimmed).vars);
    else if (section.kind === 'hosts') {
      const { first, vars } = tokens(trimmed);
      if (!first) return;
      for (const name of expandRange(first)) group.hosts.push({ name, line, vars });
    } else inv.errors.push(`line ${line}: unknown section kind :${section.kind}`);
  });
  return inv;
}

/** `name a=1 b="two words"` → first word and vars. */
function tokens(text: string): { first: string | null; vars: Vars } {
  const words = [...text.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)].map((m) => m[0]);
  const vars: Vars = {};
  let first: string | null = null;
  for (const w of words) {
    if (w.startsWith('#')) break;
    const eq = w.indexOf('=');
    if (eq > 0) vars[w.slice(0, eq)] = w.slice(eq + 1).replace(/^(["'])(.*)\1$/, '$2');
    else first ??= w;
  }
  return { first, vars };
}

/** `web[01:03]` → web01, web02, web03 (Ansible's numeric ranges, zero padding kept). */
export function expandRange(pattern: string): string[] {
  const m = /^(.*)\[(\d+):(\d+)\](.*)$/.exec(pattern);
  if (!m) return [pattern];
  const [, head, from, to, tail] = m as unknown as [string, string, string, string, string];
  const width = from.length;
  const out: string[] = [];
  for (let n = Number(from); n <= Number(to) && out.length < 100_000; n++) {
    for (const rest of expandRange(tail)) out.push(`${head}${String(n).padStart(width, '0')}${rest}`);
  }
  return out;
}
