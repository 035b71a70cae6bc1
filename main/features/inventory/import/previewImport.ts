import { HostFields, type Host } from '../../../../common/domain/host';
import { parseHostName, type NamingRules } from '../../../../common/domain/naming';
import {
  IMPORT_LIMITS,
  type ImportPreview,
  type ImportRowPreview,
  type ParsedImportRequest,
} from '../../../../common/contract/inventory';
import { fieldsOf } from '../hostRepo';
import { comparableKey, withoutIds, type RefNames } from './hostComparison';
import { proposeLinks } from './bmcLinks';
import { applyValues, blankHost, type ImportDraft } from './importDraft';
import type { ImportTools } from './importTools';
import { bareHost } from './jumpChains';
import { suggestFromName } from './nameSuggestion';
import { readImportFile } from './readImportFile';

export interface PreviewContext {
  existing: readonly Host[];
  rules: NamingRules;
  tools: ImportTools;
}

/**
 * Reads a file into rows, each with what a commit would do to the inventory (create, update, unchanged, alias)
 * or why it cannot, plus the BMC links it proposes. Nothing is written. Linear in the number of rows and hosts;
 * the reply holds the summary, the links and one page of rows.
 */
export async function previewImport(request: ParsedImportRequest, ctx: PreviewContext): Promise<ImportPreview> {
  const file = await readImportFile(request, ctx.tools);
  const lookup = new HostLookup(ctx.existing, file.drafts);
  const aliasTargets = file.foldAliases ? findAliases(file.drafts, lookup) : new Map<ImportDraft, ImportDraft>();
  markDuplicates(file.drafts, aliasTargets);
  const aliasRows = new Set(aliasTargets.keys());
  const all = file.drafts.map((d) => {
    const target = aliasTargets.get(d);
    return target ? aliasRow(d, target, lookup) : hostRow(d, lookup, ctx.rules);
  });
  const links = file.foldAliases ? proposeLinks(file.drafts, ctx.existing, aliasRows) : [];
  const linkedLines = new Set(links.map((l) => l.bmcLine));
  for (const r of all) if (linkedLines.has(r.line) && r.action === 'create') r.action = 'link';
  const summary = { create: 0, update: 0, unchanged: 0, alias: 0, link: 0, error: 0 };
  for (const r of all) summary[r.action]++;
  const errors = [...file.errors];
  let listed = 0;
  for (const r of all) {
    if (!r.errors.length || ++listed <= IMPORT_LIMITS.errors) continue;
    r.errors = r.errors.slice(0, 1);
  }
  if (listed > IMPORT_LIMITS.errors)
    errors.push(`${listed} rows have errors; each row after the first ${IMPORT_LIMITS.errors} lists only its first`);
  const page = request.page;
  const from = page * request.pageSize;
  return {
    format: file.format,
    encoding: file.encoding ? { name: file.encoding.encoding, reason: file.encoding.reason } : null,
    readBy: file.readBy,
    headers: file.headers,
    mapping: file.mapping,
    unmappedHeaders: file.unmappedHeaders,
    rows: all.slice(from, from + request.pageSize),
    page,
    totalRows: all.length,
    links,
    errors,
    summary,
  };
}

/** What a row may state and still be an alias: its name, the shared address and notes. */
const ALIAS_OWN = new Set(['address', 'notes']);

/**
 * A row repeating another row's address is an alias of that host (`wpad` on `zcloud`, `etcd` under each of three
 * data hosts) only when it carries nothing of its own; any other value it states that differs from the host's
 * makes it a host, and the preview says why.
 */
function findAliases(drafts: ImportDraft[], lookup: HostLookup): Map<ImportDraft, ImportDraft> {
  const firstByAddress = new Map<string, ImportDraft>();
  const aliases = new Map<ImportDraft, ImportDraft>();
  for (const d of drafts) {
    const address = d.values.address;
    if (!address || !d.name) continue;
    const target = firstByAddress.get(address);
    if (!target) {
      firstByAddress.set(address, d);
      continue;
    }
    const own = ownValues(d, target);
    if (own.length === 0 && !lookup.existingByName.has(d.name.toLowerCase())) aliases.set(d, target);
    else if (own.length)
      d.warnings.push(
        `line ${d.line}: shares ${address} with ${target.name} (line ${target.line}) but states its own ${own.join(', ')}, so it is a host, not an alias`,
      );
  }
  return aliases;
}

function ownValues(d: ImportDraft, target: ImportDraft): string[] {
  const own = Object.entries(d.values)
    .filter(
      ([k, v]) => !ALIAS_OWN.has(k) && JSON.stringify(v) !== JSON.stringify(target.values[k as keyof typeof d.values]),
    )
    .map(([k]) => k);
  for (const [k, v] of Object.entries(d.refs)) if (v !== undefined) own.push(k);
  return own;
}

/** Host names are unique; an alias may repeat on several hosts (a service of a cluster). */
function markDuplicates(drafts: ImportDraft[], aliases: Map<ImportDraft, ImportDraft>): void {
  const seen = new Map<string, number>();
  for (const d of drafts) {
    if (!d.name || aliases.has(d)) continue;
    const key = d.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, d.line);
    else d.errors.push(`line ${d.line}: "${d.name}" is already on line ${first}`);
  }
  for (const d of aliases.keys()) {
    const host = seen.get(d.name!.toLowerCase());
    if (host !== undefined)
      d.errors.push(`line ${d.line}: "${d.name}" is a host on line ${host}, so it cannot be an alias`);
  }
}

/** Finds what a reference in the file means: a host of the file or the inventory, by name, alias or address. */
class HostLookup {
  readonly existingByName = new Map<string, Host>();
  private readonly nameById = new Map<number, string>();
  /** Alias → the hosts carrying it (an alias may name several hosts). */
  readonly aliasOwners = new Map<string, Host[]>();
  private readonly names = new Map<string, string>();
  private readonly byAddress = new Map<string, string>();

  constructor(existing: readonly Host[], drafts: ImportDraft[]) {
    for (const d of drafts) {
      if (!d.name) continue;
      this.names.set(d.name.toLowerCase(), d.name);
      const address = d.values.address ?? d.complete?.addresses[0]?.address;
      if (address && !this.byAddress.has(address)) this.byAddress.set(address, d.name);
    }
    for (const h of existing) {
      const key = h.name.toLowerCase();
      this.existingByName.set(key, h);
      this.nameById.set(h.id, h.name);
      if (!this.names.has(key)) this.names.set(key, h.name);
      for (const a of h.aliases) {
        const key = a.name.toLowerCase();
        this.aliasOwners.set(key, [...(this.aliasOwners.get(key) ?? []), h]);
      }
      for (const a of h.addresses) if (!this.byAddress.has(a.address)) this.byAddress.set(a.address, h.name);
    }
  }

  /** A name, a unique alias or an address; an alias several hosts carry names none of them. */
  resolve(spec: string): string | null {
    const bare = bareHost(spec);
    const key = bare.toLowerCase();
    const owners = this.aliasOwners.get(key);
    return this.names.get(key) ?? (owners?.length === 1 ? owners[0]!.name : null) ?? this.byAddress.get(bare) ?? null;
  }

  nameOf(id: number | null | undefined): string | null {
    return id == null ? null : (this.nameById.get(id) ?? null);
  }

  refsOf(host: Host): RefNames {
    return {
      parentName: this.nameOf(host.parentId),
      jumpHostName: this.nameOf(host.ssh.jumpHostId),
      bmcJumpHostName: this.nameOf(host.bmc?.jumpHostId),
    };
  }
}

function hostRow(d: ImportDraft, lookup: HostLookup, rules: NamingRules): ImportRowPreview {
  const errors = [...d.errors];
  const warnings = [...d.warnings];
  const name = d.name ?? `line ${d.line}`;
  const current = d.name ? lookup.existingByName.get(d.name.toLowerCase()) : undefined;
  const parsedName = d.name ? parseHostName(d.name, rules) : null;
  const currentRefs = current && !d.complete ? lookup.refsOf(current) : null;

  let fields: HostFields;
  let suggestedParent: string | null = null;
  if (d.complete) fields = { ...d.complete, name };
  else {
    const base: HostFields = current ? { ...fieldsOf(current), name } : blankHost(name);
    const suggestion = suggestFromName(name, d.values, parsedName ?? parseHostName(name, rules));
    const open = current
      ? Object.fromEntries(
          (['cluster', 'role', 'index'] as const)
            .filter((k) => base[k] === null && suggestion.values[k] !== undefined)
            .map((k) => [k, suggestion.values[k]]),
        )
      : suggestion.values;
    fields = applyValues(applyValues(base, open), d.values);
    suggestedParent = current ? null : suggestion.parentName;
  }

  const ref = (label: string, spec: string | null | undefined, kept: string | null): string | null => {
    if (spec === null) return null;
    if (!spec) return kept;
    const resolved = lookup.resolve(spec);
    if (!resolved) errors.push(`line ${d.line}: ${label} "${spec}" is not a host in the inventory or this file`);
    else if (resolved.toLowerCase() === name.toLowerCase()) errors.push(`line ${d.line}: ${label} is the host itself`);
    return resolved;
  };
  const refs: RefNames = {
    parentName: ref('parent', d.refs.parent, currentRefs?.parentName ?? null),
    jumpHostName: ref('jump host', d.refs.jump, currentRefs?.jumpHostName ?? null),
    bmcJumpHostName: ref('BMC jump host', d.refs.bmcJump, currentRefs?.bmcJumpHostName ?? null),
  };
  if (d.refs.parent === undefined && suggestedParent) {
    const resolved = lookup.resolve(suggestedParent);
    if (resolved && resolved.toLowerCase() !== name.toLowerCase()) refs.parentName = resolved;
    else
      warnings.push(
        `line ${d.line}: the name suggests parent "${suggestedParent}", which is not in the inventory or this file`,
      );
  }

  const checked = HostFields.safeParse(fields);
  if (checked.success) fields = checked.data;
  else
    for (const i of checked.error.issues) {
      // A row without a name shows as `line N`, which is no host name; "the host name is empty" already says so.
      if (d.name === null && i.path[0] === 'name') continue;
      errors.push(`line ${d.line}: ${i.path.join('.') || 'host'}: ${i.message}`);
    }
  const owner = lookup.aliasOwners.get(name.toLowerCase())?.find((h) => h !== current);
  if (owner) errors.push(`line ${d.line}: "${name}" is already an alias of ${owner.name}`);

  const action = errors.length
    ? 'error'
    : !current
      ? 'create'
      : comparableKey(fields, refs) === comparableKey(fieldsOf(current), lookup.refsOf(current))
        ? 'unchanged'
        : 'update';
  return { line: d.line, fields: withoutIds(fields), ...refs, aliasOf: null, action, errors, warnings, parsedName };
}

function aliasRow(d: ImportDraft, target: ImportDraft, lookup: HostLookup): ImportRowPreview {
  const errors = [...d.errors];
  const name = d.name!;
  const note = d.values.notes ?? '';
  const targetName = target.name!;
  if (target.errors.length) errors.push(`line ${d.line}: ${targetName} (line ${target.line}) has errors`);
  const asHost = lookup.existingByName.get(name.toLowerCase());
  if (asHost)
    errors.push(`line ${d.line}: "${name}" is a host in the inventory, so it cannot be an alias of ${targetName}`);
  const targetHost = lookup.existingByName.get(targetName.toLowerCase());
  const known = targetHost?.aliases.find((a) => a.name.toLowerCase() === name.toLowerCase());
  const action = errors.length ? 'error' : known && known.name === name && known.note === note ? 'unchanged' : 'alias';
  return {
    line: d.line,
    fields: applyValues(blankHost(name), { notes: note }),
    parentName: null,
    jumpHostName: null,
    bmcJumpHostName: null,
    aliasOf: targetName,
    action,
    errors,
    warnings: [...d.warnings],
    parsedName: null,
  };
}
