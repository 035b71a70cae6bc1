import { newDraft, type ImportDraft, type ParsedFile } from '../importDraft';
import { parseProxyJump, proxyCommandChain, type JumpSpec } from '../sshConfig/jumpSpecs';
import { splitArgs } from '../sshConfig/sshConfigLines';
import { expandRange, splitHostPort } from './ansibleGroups';

export type Vars = Record<string, unknown>;

/** What `ansible-inventory --list` says: each host's final variables and each group's hosts and children. */
export interface AnsibleList {
  hostvars: Map<string, Vars>;
  groups: Map<string, { hosts: string[]; children: string[] }>;
}

/** Reads `ansible-inventory --list` JSON. */
export function parseListJson(json: string): AnsibleList {
  const doc = JSON.parse(json) as Record<
    string,
    { hosts?: string[]; children?: string[]; hostvars?: Record<string, Vars> }
  >;
  const hostvars = new Map(Object.entries(doc._meta?.hostvars ?? {}));
  const groups = new Map<string, { hosts: string[]; children: string[] }>();
  for (const [name, g] of Object.entries(doc)) {
    if (name === '_meta') continue;
    groups.set(name, { hosts: g.hosts ?? [], children: g.children ?? [] });
    for (const h of g.hosts ?? []) if (!hostvars.has(h)) hostvars.set(h, {});
  }
  return { hostvars, groups };
}

/** Groups Ansible makes itself: never a cluster or a tag. */
const IMPLICIT = new Set(['all', 'ungrouped']);

/**
 * Hosts from the list: the address is `ansible_host` or else the inventory name (as Ansible connects); the
 * first group in the file that lists a host directly is its cluster, its other groups (parents included) tags.
 */
export function listToFile(list: AnsibleList, text: string, readBy: string): ParsedFile {
  const parents = new Map<string, string[]>();
  for (const [name, g] of list.groups) for (const c of g.children) parents.set(c, [...(parents.get(c) ?? []), name]);
  const direct = new Map<string, string[]>();
  for (const [name, g] of list.groups) for (const h of g.hosts) direct.set(h, [...(direct.get(h) ?? []), name]);
  const position = (group: string) => {
    const at = text.search(new RegExp(`(^|\\n)\\s*(\\[${escape(group)}(:\\w+)?\\]|${escape(group)}:)`));
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
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
  const lineOf = hostLines(text);
  const drafts: ImportDraft[] = [];
  const hostNames = [...list.hostvars.keys()].sort((a, b) => lineOf(a) - lineOf(b) || a.localeCompare(b));
  for (const name of hostNames) {
    const vars = list.hostvars.get(name)!;
    const draft = newDraft(lineOf(name), name);
    readVars(draft, vars);
    const own = (direct.get(name) ?? []).filter((g) => !IMPLICIT.has(g)).sort((a, b) => position(a) - position(b));
    if (own[0]) draft.values.cluster = own[0];
    const tags = [...new Set(own.flatMap(ancestors))].filter((g) => !IMPLICIT.has(g) && g !== own[0]).sort();
    if (tags.length) draft.values.tags = tags;
    drafts.push(draft);
  }
  linkAnsibleChains(drafts);
  return {
    format: 'ansible',
    headers: [],
    mapping: {},
    unmappedHeaders: [],
    drafts,
    errors: drafts.length ? [] : ['the inventory lists no hosts'],
    foldAliases: false,
    readBy,
  };
}

/** Where each host is first written (ranges expanded), for messages; 0 when the file never names it. */
function hostLines(text: string): (host: string) => number {
  const lines = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const first = /^\s*([^\s#;=[\]]+(?:\[[^\]]+\][^\s:=]*)*)/.exec(raw)?.[1]?.replace(/:$/, '');
    if (!first) return;
    for (const entry of expandRange(first)) {
      const { name } = splitHostPort(entry);
      if (!lines.has(name)) lines.set(name, i + 1);
    }
  });
  return (host) => lines.get(host) ?? 0;
}

/** A variable as text; `--list` writes a `!unsafe` value (Labvisor's own exports) as `{"__ansible_unsafe": …}`. */
const text = (v: unknown): string | undefined => {
  if (v && typeof v === 'object' && '__ansible_unsafe' in v)
    return text((v as { __ansible_unsafe: unknown }).__ansible_unsafe);
  return v === undefined || v === null || v === '' ? undefined : String(v);
};

function readVars(draft: ImportDraft, vars: Vars): void {
  const v = draft.values;
  const get = (...keys: string[]) => keys.map((k) => text(vars[k])).find((x) => x !== undefined);
  v.address = get('ansible_host', 'ansible_ssh_host') ?? draft.name!;
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
  const chain = jumpChainOfArgs(`${get('ansible_ssh_common_args') ?? ''} ${get('ansible_ssh_extra_args') ?? ''}`);
  if (chain === 'unreadable')
    draft.warnings.push(
      `line ${draft.line}: the ssh arguments' jump is not a chain Labvisor can follow; imported without it`,
    );
  else if (chain) pendingChains.set(draft, chain);
}

/** `-o ProxyJump=a,b`, `-o 'ProxyJump b'`, `-J b`, `-o ProxyCommand="ssh -W %h:%p gw"`. */
function jumpChainOfArgs(args: string): JumpSpec[] | null | 'unreadable' {
  const argv = splitArgs(args.replaceAll("'", '"')) ?? [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (flag: string) => (a === flag ? argv[++i] : a.slice(flag.length));
    if (a.startsWith('-J')) return parseProxyJump(value('-J') ?? '') ?? 'unreadable';
    if (a.startsWith('-o')) {
      const option = value('-o') ?? '';
      const m = /^(\w+)\s*[=\s]\s*(.*)$/.exec(option);
      const key = m?.[1]?.toLowerCase();
      if (key === 'proxyjump') return parseProxyJump(m![2]!) ?? 'unreadable';
      if (key === 'proxycommand') return proxyCommandChain(m![2]!) ?? 'unreadable';
    }
  }
  return null;
}

const pendingChains = new WeakMap<ImportDraft, JumpSpec[]>();

/**
 * Each host's chain ends at its last hop; a hop that is an inventory host reached its own way is used as is
 * for the first hop, and later hops become `host-via-previous` jump-only hosts, so no chain rewrites another
 * host's route. A hop that is not a host is created as a jump-only host.
 */
function linkAnsibleChains(drafts: ImportDraft[]): void {
  const byName = new Map(drafts.map((d) => [d.name!.toLowerCase(), d]));
  const byAddress = new Map<string, ImportDraft>();
  for (const d of drafts) if (d.values.address && !byAddress.has(d.values.address)) byAddress.set(d.values.address, d);
  const routed = new Set<ImportDraft>();
  // A hop's own route is settled before it is compared, whatever order the file lists hosts in.
  const route = (d: ImportDraft): string | undefined => {
    if (routed.has(d)) return d.refs.jump ?? undefined;
    routed.add(d);
    const chain = pendingChains.get(d);
    if (!chain) return d.refs.jump ?? undefined;
    let previous: string | undefined;
    chain.forEach((hop, i) => {
      const known = byName.get(hop.host.toLowerCase()) ?? byAddress.get(hop.host);
      const knownRoute = known && known !== d ? route(known) : undefined;
      const same =
        known &&
        known !== d &&
        (hop.user === null || hop.user === (known.values.sshUser ?? null)) &&
        (hop.port === null || hop.port === (known.values.sshPort ?? null)) &&
        (i === 0 || knownRoute === previous);
      if (same) {
        previous = known.name!;
        return;
      }
      const name = [hop.host, hop.user && `as-${hop.user}`, hop.port && `p${hop.port}`, i > 0 && `via-${previous}`]
        .filter(Boolean)
        .join('-');
      let hopDraft = byName.get(name.toLowerCase());
      if (!hopDraft) {
        hopDraft = newDraft(d.line, name);
        hopDraft.values.address = known?.values.address ?? hop.host;
        const user = hop.user ?? known?.values.sshUser;
        const port = hop.port ?? known?.values.sshPort;
        if (user) hopDraft.values.sshUser = user;
        if (port) hopDraft.values.sshPort = port;
        hopDraft.values.notes = `jump host (created by the import of a jump chain through ${hop.host})`;
        const jump = i > 0 ? previous : knownRoute;
        if (jump) hopDraft.refs.jump = jump;
        routed.add(hopDraft);
        byName.set(name.toLowerCase(), hopDraft);
        drafts.push(hopDraft);
      }
      previous = hopDraft.name!;
    });
    if (previous) d.refs.jump = previous;
    return previous;
  };
  for (const d of [...drafts]) route(d);
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
