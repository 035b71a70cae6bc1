import { HostFields } from '../../../../common/domain/host';
import { newDraft, type ImportDraft, type ParsedFile } from './importDraft';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/**
 * Reads Labvisor's own export (`{format: 'labvisor-inventory', hosts: [...]}`, references by name) and, for
 * older files, hosts that refer to each other by `id`. Every field is taken as stated.
 */
export function readLabvisorJson(source: string): ParsedFile {
  const file: ParsedFile = {
    format: 'json',
    headers: [],
    mapping: {},
    unmappedHeaders: [],
    drafts: [],
    errors: [],
    foldAliases: false,
    readBy: 'labvisor',
  };
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    return { ...file, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  const hosts = Array.isArray(doc) ? doc : isObject(doc) ? doc.hosts : undefined;
  if (!Array.isArray(hosts)) return { ...file, errors: ['expected a "hosts" array (a Labvisor JSON export)'] };
  const namesById = new Map<unknown, string>();
  for (const h of hosts) if (isObject(h) && text(h.name)) namesById.set(h.id, h.name as string);
  const lines = lineFinder(source);
  file.drafts = hosts.map((h, i) => readHost(h, lines(isObject(h) ? h.name : undefined, i), namesById));
  if (file.drafts.length === 0) file.errors.push('the file lists no hosts');
  return file;
}

function readHost(h: unknown, line: number, namesById: Map<unknown, string>): ImportDraft {
  const draft = newDraft(line);
  if (!isObject(h)) {
    draft.errors.push(`line ${line}: a host must be an object`);
    return draft;
  }
  const ssh = isObject(h.ssh) ? h.ssh : {};
  const bmc = isObject(h.bmc) ? h.bmc : null;
  const ref = (name: unknown, id: unknown) => text(name) ?? (id == null ? undefined : namesById.get(id));
  const parent = ref(h.parentName, h.parentId);
  const jump = ref(h.jumpHostName, ssh.jumpHostId);
  const bmcJump = ref(h.bmcJumpHostName, bmc?.jumpHostId);
  if (parent) draft.refs.parent = parent;
  if (jump) draft.refs.jump = jump;
  if (bmcJump) draft.refs.bmcJump = bmcJump;
  const parsed = HostFields.safeParse({
    ...h,
    parentId: null,
    ssh: { ...ssh, jumpHostId: null },
    bmc: bmc && { ...bmc, jumpHostId: null },
  });
  draft.name = text(h.name) ?? null;
  if (parsed.success) draft.complete = parsed.data;
  else
    for (const issue of parsed.error.issues)
      draft.errors.push(`line ${line}: ${issue.path.join('.') || 'host'}: ${issue.message}`);
  return draft;
}

/** Finds the line of each host's `"name": ...` in document order (the i-th host's line otherwise unknown). */
function lineFinder(source: string): (name: unknown, i: number) => number {
  let from = 0;
  let counted = 0;
  let line = 1;
  return (name, i) => {
    if (typeof name !== 'string') return i + 1;
    const m = new RegExp(`"name"\\s*:\\s*${escape(JSON.stringify(name))}`, 'g');
    m.lastIndex = from;
    const hit = m.exec(source);
    if (!hit) return i + 1;
    from = hit.index + hit[0].length;
    for (let p = source.indexOf('\n', counted); p !== -1 && p < hit.index; p = source.indexOf('\n', p + 1)) {
      line++;
      counted = p + 1;
    }
    return line;
  };
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
