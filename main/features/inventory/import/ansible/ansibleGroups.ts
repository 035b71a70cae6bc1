import { parse } from 'yaml';
import type { AnsibleList, Vars } from './ansibleList';

export interface AnsibleGroup {
  hosts: { name: string; line: number; vars: Vars }[];
  vars: Vars;
  children: string[];
}

/** Groups in file order; both readers (INI and YAML) fill this, then `inventoryToList` resolves variables. */
export class AnsibleInventory {
  readonly groups = new Map<string, AnsibleGroup>();
  readonly errors: string[] = [];

  group(name: string): AnsibleGroup {
    let g = this.groups.get(name);
    if (!g) this.groups.set(name, (g = { hosts: [], vars: {}, children: [] }));
    return g;
  }
}

/** `web[01:09:2]`, `node-[a:c]` (Ansible's ranges: numeric with zero padding, letters, an optional stride). */
export function expandRange(pattern: string): string[] {
  const m = /^(.*?)\[([0-9a-zA-Z]+):([0-9a-zA-Z]+)(?::(\d+))?\](.*)$/.exec(pattern);
  if (!m) return [pattern];
  const [, head, from, to, strideText, tail] = m as unknown as [
    string,
    string,
    string,
    string,
    string | undefined,
    string,
  ];
  const stride = Math.max(1, Number(strideText ?? 1));
  const out: string[] = [];
  const rest = expandRange(tail);
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const width = from.length > 1 && from.startsWith('0') ? from.length : 0;
    for (let n = Number(from); n <= Number(to) && out.length < 100_001; n += stride)
      for (const r of rest) out.push(`${head}${String(n).padStart(width, '0')}${r}`);
  } else if (/^[a-zA-Z]$/.test(from) && /^[a-zA-Z]$/.test(to)) {
    const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = letters.indexOf(from); i >= 0 && i <= letters.indexOf(to); i += stride)
      for (const r of rest) out.push(`${head}${letters[i]}${r}`);
  } else return [pattern];
  return out;
}

/** `web1:2222` → the host and its port (Ansible's `host:port`); IPv6 addresses are left whole. */
export function splitHostPort(entry: string): { name: string; port: number | null } {
  const m = /^([^:\s]+):(\d+)$/.exec(entry);
  return m ? { name: m[1]!, port: Number(m[2]) } : { name: entry, port: null };
}

/** Files beside the inventory: `group_vars/NAME[.yml|.yaml|.json]` or `group_vars/NAME/*`. */
function varsFiles(companions: Record<string, string>, dir: string, name: string, errors: string[]): Vars {
  const vars: Vars = {};
  const paths = Object.keys(companions)
    .filter((p) => {
      const rest = p.replaceAll('\\', '/');
      return (
        rest === `${dir}/${name}` ||
        (/^\.(ya?ml|json)$/.test(rest.slice(`${dir}/${name}`.length)) && rest.startsWith(`${dir}/${name}.`)) ||
        rest.startsWith(`${dir}/${name}/`)
      );
    })
    .sort();
  for (const p of paths) {
    try {
      const doc: unknown = parse(companions[p]!, { merge: true });
      if (doc && typeof doc === 'object' && !Array.isArray(doc)) Object.assign(vars, doc);
    } catch (error) {
      errors.push(`${p}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return vars;
}

/**
 * Resolves variables as Ansible does: groups sorted by depth then name; inventory-file group vars, then
 * `group_vars/` files, then inventory-file host vars, then `host_vars/` files, each overriding the one before.
 */
export function inventoryToList(inv: AnsibleInventory, companions: Record<string, string>): AnsibleList {
  inv.group('all');
  const parents = new Map<string, string[]>();
  for (const [name, g] of inv.groups) for (const c of g.children) parents.set(c, [...(parents.get(c) ?? []), name]);
  const depthMemo = new Map<string, number>();
  const depth = (group: string, seen = new Set<string>()): number => {
    if (group === 'all') return 0;
    if (depthMemo.has(group)) return depthMemo.get(group)!;
    if (seen.has(group)) return 0;
    seen.add(group);
    const d = 1 + Math.max(0, ...(parents.get(group) ?? ['all']).map((p) => depth(p, seen)));
    depthMemo.set(group, d);
    return d;
  };
  const ancestors = (group: string): string[] => {
    const out: string[] = [];
    const queue = [group];
    while (queue.length) {
      const g = queue.shift()!;
      if (out.includes(g)) continue;
      out.push(g);
      queue.push(...(parents.get(g) ?? []));
    }
    return out;
  };
  const hosts = new Map<string, { vars: Vars; direct: string[] }>();
  for (const [group, g] of inv.groups) {
    for (const h of g.hosts) {
      const host = hosts.get(h.name) ?? { vars: {}, direct: [] };
      Object.assign(host.vars, h.vars);
      if (!host.direct.includes(group)) host.direct.push(group);
      hosts.set(h.name, host);
    }
  }
  const groupFiles = new Map<string, Vars>();
  const fileVars = (group: string) => {
    if (!groupFiles.has(group)) groupFiles.set(group, varsFiles(companions, 'group_vars', group, inv.errors));
    return groupFiles.get(group)!;
  };
  const list: AnsibleList = { hostvars: new Map(), groups: new Map() };
  for (const [name, host] of hosts) {
    const groups = [...new Set(['all', ...host.direct.flatMap(ancestors)])].sort(
      (a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0),
    );
    const vars: Vars = {};
    for (const g of groups) Object.assign(vars, inv.groups.get(g)?.vars);
    for (const g of groups) Object.assign(vars, fileVars(g));
    Object.assign(vars, host.vars, varsFiles(companions, 'host_vars', name, inv.errors));
    list.hostvars.set(name, vars);
  }
  const ungrouped = [...hosts].filter(([, h]) => h.direct.every((g) => g === 'all' || g === 'ungrouped'));
  for (const [name, g] of inv.groups) {
    if (name === 'all') continue;
    list.groups.set(name, { hosts: [...new Set(g.hosts.map((h) => h.name))], children: g.children });
  }
  list.groups.set('ungrouped', { hosts: ungrouped.map(([n]) => n), children: [] });
  return list;
}
