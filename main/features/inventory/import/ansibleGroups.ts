import { newDraft, type ImportDraft, type ParsedFile } from './importDraft';
import { linkJumpChains } from './jumpChains';

export type Vars = Record<string, string>;

export interface AnsibleGroup {
  hosts: { name: string; line: number; vars: Vars }[];
  vars: Vars;
  children: string[];
}

/** Groups in file order; both readers (INI and YAML) fill this, then `groupsToFile` turns it into hosts. */
export class AnsibleInventory {
  readonly groups = new Map<string, AnsibleGroup>();
  readonly errors: string[] = [];

  group(name: string): AnsibleGroup {
    let g = this.groups.get(name);
    if (!g) this.groups.set(name, (g = { hosts: [], vars: {}, children: [] }));
    return g;
  }
}

/** Groups Ansible makes itself: never a cluster or a tag. */
const IMPLICIT = new Set(['all', 'ungrouped']);

/**
 * The first group that lists a host directly becomes its cluster; every other group it belongs to (children
 * groups' parents included) becomes a tag. Vars: `all` < parent groups < child groups < host vars.
 */
export function groupsToFile(inv: AnsibleInventory): ParsedFile {
  const parents = new Map<string, string[]>();
  for (const [name, g] of inv.groups) for (const c of g.children) parents.set(c, [...(parents.get(c) ?? []), name]);
  const depth = (group: string, seen = new Set<string>()): number => {
    if (seen.has(group)) return 0;
    seen.add(group);
    return group === 'all' ? 0 : 1 + Math.max(0, ...(parents.get(group) ?? []).map((p) => depth(p, seen)));
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

  const hosts = new Map<string, { name: string; line: number; vars: Vars; direct: string[] }>();
  for (const [group, g] of inv.groups) {
    for (const h of g.hosts) {
      const key = h.name.toLowerCase();
      const host = hosts.get(key) ?? { name: h.name, line: h.line, vars: {}, direct: [] };
      Object.assign(host.vars, h.vars);
      host.direct.push(group);
      hosts.set(key, host);
    }
  }
  const drafts: ImportDraft[] = [];
  for (const host of hosts.values()) {
    const groups = [...new Set(['all', ...host.direct.flatMap(ancestors)])];
    const vars: Vars = {};
    for (const g of groups.sort((a, b) => depth(a) - depth(b))) Object.assign(vars, inv.groups.get(g)?.vars);
    Object.assign(vars, host.vars);
    const draft = newDraft(host.line, host.name);
    readVars(draft, vars);
    const named = groups.filter((g) => !IMPLICIT.has(g));
    const cluster = host.direct.find((g) => !IMPLICIT.has(g));
    if (cluster) draft.values.cluster = cluster;
    const tags = named.filter((g) => g !== cluster);
    if (tags.length) draft.values.tags = tags;
    drafts.push(draft);
  }
  linkJumpChains(drafts);
  const errors = [...inv.errors];
  if (drafts.length === 0 && errors.length === 0) errors.push('the inventory lists no hosts');
  return {
    format: 'ansible',
    headers: [],
    mapping: {},
    unmappedHeaders: [],
    drafts,
    errors,
    foldAliases: false,
  };
}

function readVars(draft: ImportDraft, vars: Vars): void {
  const v = draft.values;
  const get = (...keys: string[]) => keys.map((k) => vars[k]).find((x) => x !== undefined && x !== '');
  const address = get('ansible_host', 'ansible_ssh_host');
  if (address) v.address = address;
  const user = get('ansible_user', 'ansible_ssh_user');
  if (user) v.sshUser = user;
  const port = get('ansible_port', 'ansible_ssh_port');
  if (port !== undefined) {
    const n = Number(port);
    if (Number.isInteger(n) && n >= 1 && n <= 65535) v.sshPort = n;
    else draft.errors.push(`line ${draft.line}: ansible_port "${port}" is not a port number`);
  }
  const key = get('ansible_ssh_private_key_file', 'ansible_private_key_file');
  if (key) v.identityFile = key;
  const jump = proxyJumpOf(`${get('ansible_ssh_common_args') ?? ''} ${get('ansible_ssh_extra_args') ?? ''}`);
  if (jump) draft.refs.jump = jump;
}

/** `-o ProxyJump=a,b`, `-o 'ProxyJump b'`, `-J b`. */
function proxyJumpOf(args: string): string | null {
  const m = /ProxyJump[=\s]+["']?([^\s"']+)/i.exec(args) ?? /(?:^|\s)-J\s*["']?([^\s"']+)/.exec(args);
  return m ? m[1]! : null;
}
