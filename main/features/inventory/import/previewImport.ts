import { HostFields, type Host } from '../../../../common/domain/host';
import { parseHostName, type NamingRules } from '../../../../common/domain/naming';
import type { ImportPreview, ImportRowPreview, ParsedImportRequest } from '../../../../common/contract/inventory';
import { fieldsOf } from '../hostRepo';
import { comparableKey, withoutIds, type RefNames } from './hostComparison';
import { applyValues, blankHost, HARDWARE_VALUES, type ImportDraft } from './importDraft';
import { bareHost } from './jumpChains';
import { suggestFromName } from './nameSuggestion';
import { readImportFile } from './readImportFile';

export interface PreviewContext {
  existing: readonly Host[];
  rules: NamingRules;
}

/**
 * Reads a file into rows, each with what a commit would do to the inventory (create, update, unchanged, alias)
 * or why it cannot. Nothing is written. Linear in the number of rows and hosts.
 */
export function previewImport(request: ParsedImportRequest, ctx: PreviewContext): ImportPreview {
  const file = readImportFile(request.text, request.format, request.fileName, request.mapping);
  const lookup = new HostLookup(ctx.existing, file.drafts);
  const aliasTargets = file.foldAliases ? findAliases(file.drafts) : new Map<ImportDraft, ImportDraft>();
  markDuplicates(file.drafts);
  const rows = file.drafts.map((d) => {
    const target = aliasTargets.get(d);
    return target ? aliasRow(d, target, lookup) : hostRow(d, lookup, ctx.rules);
  });
  const summary = { create: 0, update: 0, unchanged: 0, alias: 0, error: 0 };
  for (const r of rows) summary[r.action]++;
  return {
    format: file.format,
    headers: file.headers,
    mapping: file.mapping,
    unmappedHeaders: file.unmappedHeaders,
    rows,
    errors: file.errors,
    summary,
  };
}

/** A row repeating an earlier row's address with no hardware of its own names a service on that host. */
function findAliases(drafts: ImportDraft[]): Map<ImportDraft, ImportDraft> {
  const firstByAddress = new Map<string, ImportDraft>();
  const aliases = new Map<ImportDraft, ImportDraft>();
  for (const d of drafts) {
    const address = d.values.address;
    if (!address || !d.name) continue;
    const target = firstByAddress.get(address);
    if (!target) firstByAddress.set(address, d);
    else if (isBare(d)) aliases.set(d, target);
  }
  return aliases;
}

function isBare(d: ImportDraft): boolean {
  return (
    HARDWARE_VALUES.every((k) => d.values[k] === undefined) &&
    d.values.kind === undefined &&
    !d.refs.parent &&
    !d.refs.jump
  );
}

function markDuplicates(drafts: ImportDraft[]): void {
  const seen = new Map<string, number>();
  for (const d of drafts) {
    if (!d.name) continue;
    const key = d.name.toLowerCase();
    const first = seen.get(key);
    if (first === undefined) seen.set(key, d.line);
    else d.errors.push(`line ${d.line}: "${d.name}" is already on line ${first}`);
  }
}

/** Finds what a reference in the file means: a host of the file or the inventory, by name, alias or address. */
class HostLookup {
  readonly existingByName = new Map<string, Host>();
  private readonly nameById = new Map<number, string>();
  readonly aliasOwner = new Map<string, Host>();
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
      for (const a of h.aliases) this.aliasOwner.set(a.name.toLowerCase(), h);
      for (const a of h.addresses) if (!this.byAddress.has(a.address)) this.byAddress.set(a.address, h.name);
    }
  }

  resolve(spec: string): string | null {
    const bare = bareHost(spec);
    const key = bare.toLowerCase();
    return this.names.get(key) ?? this.aliasOwner.get(key)?.name ?? this.byAddress.get(bare) ?? null;
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

  const ref = (label: string, spec: string | undefined, kept: string | null): string | null => {
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
  if (!d.refs.parent && suggestedParent) {
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
  const owner = lookup.aliasOwner.get(name.toLowerCase());
  if (owner && owner !== current) errors.push(`line ${d.line}: "${name}" is already an alias of ${owner.name}`);

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
  const owner = lookup.aliasOwner.get(name.toLowerCase());
  const targetHost = lookup.existingByName.get(targetName.toLowerCase());
  if (owner && owner !== targetHost) errors.push(`line ${d.line}: "${name}" is already an alias of ${owner.name}`);
  const known = targetHost?.aliases.find((a) => a.name.toLowerCase() === name.toLowerCase());
  const action = errors.length ? 'error' : known && known.name === name && known.note === note ? 'unchanged' : 'alias';
  return {
    line: d.line,
    fields: applyValues(blankHost(name), d.values),
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
