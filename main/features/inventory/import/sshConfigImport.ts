import { newDraft, type ImportDraft, type ParsedFile } from './importDraft';
import { linkJumpChains } from './jumpChains';

interface Block {
  line: number;
  patterns: string[];
  options: [key: string, value: string, line: number][];
}

const WILDCARD = /[*?!]/;
/** The options Labvisor keeps; others (ForwardAgent, ServerAliveInterval...) are ssh's business. */
const READ = new Set(['hostname', 'user', 'port', 'proxyjump', 'identityfile']);

/**
 * Reads `~/.ssh/config`: each concrete `Host` name becomes a host; wildcard blocks (`Host *`) only lend
 * defaults. As in ssh, the first value found for an option wins, in file order.
 */
export function readSshConfig(text: string): ParsedFile {
  const file: ParsedFile = {
    format: 'ssh-config',
    headers: [],
    mapping: {},
    unmappedHeaders: [],
    drafts: [],
    errors: [],
    foldAliases: false,
  };
  // Options before the first Host line apply to every host, like `Host *`.
  let current: Block = { line: 0, patterns: ['*'], options: [] };
  const blocks: Block[] = [current];
  const warnings: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    const trimmed = raw.replace(/^\uFEFF/, '').trim();
    if (!trimmed || trimmed.startsWith('#')) return;
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(trimmed);
    if (!m) return;
    const key = m[1]!.toLowerCase();
    const value = unquote(m[2]!.trim());
    if (key === 'host') {
      current = { line, patterns: value.split(/\s+/).map(unquote), options: [] };
      blocks.push(current);
    } else if (key === 'match') {
      current = { line, patterns: [], options: [] };
      warnings.push(`line ${line}: Match blocks are not read`);
    } else if (key === 'include') warnings.push(`line ${line}: Include ${value} is not followed; import that file too`);
    else if (READ.has(key)) current.options.push([key, value, line]);
  });
  const defaults = blocks.filter((b) => b.patterns.some((p) => WILDCARD.test(p)));
  const seen = new Map<string, ImportDraft>();
  for (const block of blocks) {
    for (const name of block.patterns) {
      if (WILDCARD.test(name)) continue;
      const key = name.toLowerCase();
      if (seen.has(key)) continue;
      const draft = newDraft(block.line, name);
      const options = new Map<string, [string, number]>();
      for (const b of blocks) {
        if (!b.patterns.some((p) => p.toLowerCase() === key) && !(defaults.includes(b) && matches(b.patterns, name)))
          continue;
        for (const [k, v, line] of b.options) if (!options.has(k)) options.set(k, [v, line]);
      }
      readOptions(draft, options);
      seen.set(key, draft);
      file.drafts.push(draft);
    }
  }
  linkJumpChains(file.drafts);
  if (file.drafts[0]) file.drafts[0].warnings.push(...warnings);
  if (file.drafts.length === 0) file.errors.push('no Host entries with a concrete name');
  return file;
}

function readOptions(draft: ImportDraft, options: Map<string, [string, number]>): void {
  const get = (k: string) => options.get(k)?.[0];
  const hostName = get('hostname');
  if (hostName) draft.values.address = hostName.replaceAll('%h', draft.name!);
  const user = get('user');
  if (user) draft.values.sshUser = user;
  const port = options.get('port');
  if (port) {
    const n = Number(port[0]);
    if (Number.isInteger(n) && n >= 1 && n <= 65535) draft.values.sshPort = n;
    else draft.errors.push(`line ${port[1]}: Port "${port[0]}" is not a port number`);
  }
  const identity = get('identityfile');
  if (identity) draft.values.identityFile = identity;
  const jump = get('proxyjump');
  if (jump && jump.toLowerCase() !== 'none') draft.refs.jump = jump;
}

function unquote(s: string): string {
  return s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

function matches(patterns: string[], name: string): boolean {
  let matched = false;
  for (const p of patterns) {
    const negated = p.startsWith('!');
    const re = new RegExp(
      '^' +
        (negated ? p.slice(1) : p)
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replaceAll('*', '.*')
          .replaceAll('?', '.') +
        '$',
      'i',
    );
    if (re.test(name)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}
