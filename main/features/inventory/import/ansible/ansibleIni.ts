import { AnsibleInventory, expandRange, splitHostPort } from './ansibleGroups';
import type { Vars } from './ansibleList';

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
    if (section.kind === 'children') {
      group.children.push(trimmed);
      inv.group(trimmed);
    } else if (section.kind === 'vars') Object.assign(group.vars, tokens(trimmed).vars);
    else if (section.kind === 'hosts') {
      const { first, vars } = tokens(trimmed);
      if (!first) return;
      for (const entry of expandRange(first)) {
        const { name, port } = splitHostPort(entry);
        group.hosts.push({ name, line, vars: port === null ? vars : { ansible_port: port, ...vars } });
      }
    } else inv.errors.push(`line ${line}: unknown section kind :${section.kind}`);
  });
  return inv;
}

/**
 * `name a=1 b="two words"` → first word and vars. Unquoted whole numbers are numbers to Ansible (`2222`), on
 * host lines and in `[group:vars]` alike; anything quoted stays a string.
 */
function tokens(text: string): { first: string | null; vars: Vars } {
  const words = [...text.matchAll(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g)].map((m) => m[0]);
  const vars: Vars = {};
  let first: string | null = null;
  for (const w of words) {
    if (w.startsWith('#')) break;
    const eq = w.indexOf('=');
    if (eq > 0) {
      const raw = w.slice(eq + 1);
      const unquoted = raw.replace(/^(["'])(.*)\1$/, '$2');
      vars[w.slice(0, eq)] = unquoted === raw && /^-?\d+$/.test(raw) ? Number(raw) : unquoted;
    } else first ??= w;
  }
  return { first, vars };
}
