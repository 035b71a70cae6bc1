import { homedir } from 'node:os';
import type { ReadInput } from '../formats/formatReader';
import { newDraft, type ImportDraft, type ParsedFile } from '../importDraft';
import { parseProxyJump, proxyCommandChain, type JumpSpec } from './jumpSpecs';
import { SshConfigFallback, type FallbackContext } from './sshConfigFallback';
import { resolveWithSsh, SAFE_ALIAS } from './sshG';
import type { SshResolved } from './sshResolved';

/**
 * Imports `~/.ssh/config`: each concrete `Host` name becomes a host resolved exactly as `ssh ALIAS` would
 * connect — by OpenSSH's `ssh -G` where it is installed, else by Labvisor's reader that agrees with it.
 * Jump chains (`ProxyJump`, or `ProxyCommand ssh -W %h:%p gw`) become jump hosts; a hop whose user, port or
 * route differs from its alias's own, or that is in no Host block, becomes a jump-only host of its own.
 */
export async function importSshConfig(
  input: ReadInput,
  ctx: FallbackContext = { home: homedir() },
): Promise<ParsedFile> {
  const file: ParsedFile = {
    format: 'ssh-config',
    headers: [],
    mapping: {},
    unmappedHeaders: [],
    drafts: [],
    errors: [],
    foldAliases: false,
    readBy: 'labvisor',
  };
  const fallback = new SshConfigFallback(input.text, input.fileName ?? 'config', ctx);
  file.errors.push(...fallback.errors);
  const lineOf = new Map<string, number>();
  const warnings: string[] = [];
  for (const { alias, line } of fallback.concreteAliases()) {
    if (lineOf.has(alias.toLowerCase())) continue;
    if (!SAFE_ALIAS.test(alias)) {
      warnings.push(`line ${line}: Host "${alias}" is not a valid host name; skipped`);
      continue;
    }
    lineOf.set(alias.toLowerCase(), line);
  }
  const aliases = [...lineOf.keys()].map(
    (k) => fallback.concreteAliases().find((a) => a.alias.toLowerCase() === k)!.alias,
  );
  if (aliases.length === 0) {
    file.errors.push('no Host entries with a concrete name');
    return file;
  }

  const resolved = new Map<string, SshResolved>();
  let resolve: (names: string[]) => Promise<void>;
  if (input.tools.ssh) {
    const run = input.tools.ssh;
    resolve = async (names) => {
      const r = await resolveWithSsh(run, input.text, names);
      if (r === null) throw new Error('ssh is not installed');
      for (const [k, v] of r.resolved) {
        // ssh -G prints the local user when none is set; the file says whether one was written.
        const user = v.user === r.defaultUser && fallback.resolve(k).user === null ? null : v.user;
        resolved.set(k.toLowerCase(), { ...v, user });
      }
      file.errors.push(...r.errors);
    };
    file.readBy = 'ssh -G';
  } else {
    warnings.push(...fallback.warnings);
    resolve = async (names) => {
      for (const n of names) resolved.set(n.toLowerCase(), fallback.resolve(n));
    };
  }
  await resolve(aliases);
  // Hops named in chains are resolved through the same config (`gw.lab` may match `Host *.lab`).
  for (let round = 0; round < 8; round++) {
    const missing = new Set<string>();
    for (const r of resolved.values())
      for (const hop of chainOf(r) ?? [])
        if (!resolved.has(hop.host.toLowerCase()) && SAFE_ALIAS.test(hop.host)) missing.add(hop.host);
    if (missing.size === 0) break;
    await resolve([...missing]);
  }

  const builder = new ChainBuilder(resolved, lineOf);
  for (const alias of aliases) builder.draftFor(alias);
  file.drafts = builder.drafts;
  if (file.drafts[0]) file.drafts[0].warnings.push(...warnings);
  return file;
}

function chainOf(r: SshResolved): JumpSpec[] | null {
  if (r.proxyJump) return parseProxyJump(r.proxyJump);
  if (r.proxyCommand) return proxyCommandChain(r.proxyCommand);
  return null;
}

/** `%d/x`, `${HOME}/x` → `~/x`: one spelling of the home, expanded when connecting. */
function homeRelative(path: string): string {
  return path.replace(/^(?:%d|\$\{HOME\})(?=\/)/, '~');
}

class ChainBuilder {
  readonly drafts: ImportDraft[] = [];
  private readonly byAlias = new Map<string, ImportDraft>();
  private readonly names = new Set<string>();

  constructor(
    private readonly resolved: Map<string, SshResolved>,
    private readonly lineOf: Map<string, number>,
  ) {
    for (const k of lineOf.keys()) this.names.add(k);
  }

  /** The host for an alias of the file, with its own route. */
  draftFor(alias: string): ImportDraft {
    const key = alias.toLowerCase();
    const known = this.byAlias.get(key);
    if (known) return known;
    const r = this.resolved.get(key);
    const d = newDraft(this.lineOf.get(key) ?? 0, alias);
    this.byAlias.set(key, d);
    this.drafts.push(d);
    if (!r) {
      d.errors.push(`line ${d.line}: ssh could not resolve ${alias}`);
      return d;
    }
    fill(d, r);
    const jump = this.route(r, d);
    if (jump) d.refs.jump = jump;
    return d;
  }

  /** The name of the host a chain ends at (the last hop), creating hops as needed; undefined for none. */
  private route(r: SshResolved, d: ImportDraft): string | undefined {
    const chain = chainOf(r);
    if (chain === null) {
      if (r.proxyJump || r.proxyCommand)
        d.warnings.push(
          `line ${d.line}: ${r.proxyJump ? `ProxyJump ${r.proxyJump}` : `ProxyCommand ${r.proxyCommand}`} is not a jump chain Labvisor can follow; imported without it`,
        );
      return undefined;
    }
    let previous: string | undefined;
    chain.forEach((hop, i) => {
      const key = hop.host.toLowerCase();
      const own = this.resolved.get(key);
      const base = this.lineOf.has(key) && this.byAlias.get(key) !== d ? this.draftFor(hop.host) : null;
      const user = hop.user ?? own?.user ?? null;
      const port = hop.port ?? own?.port ?? null;
      // The first hop is reached by its own route; later hops through the hop before them.
      const ownJump = base ? (base.refs.jump ?? undefined) : own ? this.route(own, d) : undefined;
      const jump = i === 0 ? ownJump : previous;
      const ownUser = base ? (base.values.sshUser ?? null) : (own?.user ?? null);
      const ownPort = base ? (base.values.sshPort ?? null) : (own?.port ?? null);
      if (base && ownUser === user && ownPort === port && ownJump === jump) previous = base.name!;
      else {
        // A hop in no Host block is simply named after itself; a variant of an alias says how it differs.
        const differs = !base
          ? []
          : [
              user !== ownUser && user ? `as-${user}` : null,
              port !== ownPort && port ? `p${port}` : null,
              jump !== ownJump && jump ? `via-${jump}` : null,
            ];
        previous = this.jumpOnly(hop, own, { user, port, jump }, differs, d.line);
      }
    });
    return previous;
  }

  private readonly jumpOnlyByKey = new Map<string, string>();

  /**
   * A host that only serves as a hop of some chain: one per distinct address, user, port and route, named after
   * the hop plus what differs from the alias's own settings (`jetson-as-nvidia-p2222`, `zcloud-via-jetson`).
   */
  private jumpOnly(
    hop: JumpSpec,
    own: SshResolved | undefined,
    route: { user: string | null; port: number | null; jump: string | undefined },
    differs: (string | null)[],
    line: number,
  ): string {
    const address = own?.hostname ?? hop.host;
    const key = JSON.stringify([address, route.user, route.port, route.jump ?? null]);
    const known = this.jumpOnlyByKey.get(key);
    if (known) return known;
    const base = [hop.host, ...differs].filter(Boolean).join('-');
    let name = base;
    for (let n = 2; this.names.has(name.toLowerCase()); n++) name = `${base}-${n}`;
    this.names.add(name.toLowerCase());
    this.jumpOnlyByKey.set(key, name);
    const d = newDraft(line, name);
    d.values.address = address;
    if (route.user) d.values.sshUser = route.user;
    if (route.port) d.values.sshPort = route.port;
    const [identity, ...more] = (own?.identityFiles ?? []).map(homeRelative);
    if (identity) d.values.identityFile = identity;
    if (more.length) d.values.moreIdentityFiles = more;
    d.values.notes = `jump host (created by the import of a jump chain through ${hop.host})`;
    if (route.jump) d.refs.jump = route.jump;
    this.drafts.push(d);
    return name;
  }
}

function fill(d: ImportDraft, r: SshResolved): void {
  d.values.address = r.hostname;
  if (r.user) d.values.sshUser = r.user;
  if (r.port !== null) {
    if (Number.isInteger(r.port) && r.port >= 1 && r.port <= 65535) d.values.sshPort = r.port;
    else d.errors.push(`line ${d.line}: Port "${r.port}" is not a port number`);
  }
  const [first, ...more] = r.identityFiles.map(homeRelative);
  if (first) d.values.identityFile = first;
  if (more.length) d.values.moreIdentityFiles = more;
}
