import { AppError } from '../../../../common/result';
import { BmcSettings, HostFields, NO_STORED_SECRETS, type Host } from '../../../../common/domain/host';
import type { NamingRules } from '../../../../common/domain/naming';
import type { ImportLink, ImportResult, ImportRow } from '../../../../common/contract/inventory';
import { fieldsOf, type HostRepo } from '../hostRepo';
import { HostChecker } from '../hostRules';
import { canonicalJson, type RefNames } from './hostComparison';

export interface CommitContext {
  repo: HostRepo;
  rules: NamingRules;
}

interface Planned {
  line: number;
  current: Host | null;
  /** The host's id, or a stand-in (above every real id) until a new host is inserted. */
  id: number;
  fields: HostFields;
  refs: RefNames;
  aliasesAdded: number;
  /** Only aliases or a BMC link are added to this host: it is not one of the imported rows. */
  fromAlias: boolean;
  /** A BMC link set this host's BMC. */
  linked?: boolean;
}

/**
 * Writes rows in ONE transaction, all or nothing. Every row is checked again (the inventory may have changed
 * since the preview): fields, names unique with aliases, references by name resolved against the inventory and
 * the rows themselves (in any order), no loops. Any error rejects the whole import with each row's errors.
 */
export function commitImport(rows: ImportRow[], links: ImportLink[], ctx: CommitContext): ImportResult {
  const { repo } = ctx;
  return repo.transaction(() => {
    const existing = repo.list();
    const errors = new Map<number, string[]>();
    const fail = (line: number, message: string) => errors.set(line, [...(errors.get(line) ?? []), message]);

    const byName = new Map(existing.map((h) => [h.name.toLowerCase(), h]));
    const nameById = new Map(existing.map((h) => [h.id, h.name]));
    const aliasOwners = new Map<string, Host[]>();
    for (const h of existing)
      for (const a of h.aliases)
        aliasOwners.set(a.name.toLowerCase(), [...(aliasOwners.get(a.name.toLowerCase()) ?? []), h]);
    // A linked BMC's row is the server's BMC, not a host of its own.
    const linkedBmcs = new Set(links.map((l) => l.bmcName.toLowerCase()));
    let nextId = existing.reduce((max, h) => Math.max(max, h.id), 0) + 1;

    const planned = new Map<string, Planned>();
    for (const row of rows.filter((r) => !r.aliasOf && !linkedBmcs.has(r.fields.name.toLowerCase()))) {
      // Field values were checked against the contract at the door; what is checked here is the inventory.
      const fields = row.fields;
      const key = fields.name.toLowerCase();
      const twin = planned.get(key);
      if (twin) {
        fail(row.line, `"${fields.name}" is also on line ${twin.line}`);
        continue;
      }
      const current = byName.get(key) ?? null;
      planned.set(key, {
        line: row.line,
        current,
        id: current?.id ?? nextId++,
        fields: current ? { ...fields, aliases: keepAliases(fields.aliases, current.aliases) } : fields,
        refs: { parentName: row.parentName, jumpHostName: row.jumpHostName, bmcJumpHostName: row.bmcJumpHostName },
        aliasesAdded: 0,
        fromAlias: false,
      });
    }

    for (const row of rows.filter((r) => r.aliasOf)) {
      const key = row.aliasOf!.toLowerCase();
      let target = planned.get(key);
      const host = byName.get(key);
      if (!target && host) {
        const fields = fieldsOf(host);
        target = {
          line: row.line,
          current: host,
          id: host.id,
          fields,
          refs: refsOf(host, nameById),
          aliasesAdded: 0,
          fromAlias: true,
        };
        planned.set(key, target);
      }
      if (!target) {
        fail(
          row.line,
          `"${row.fields.name}" is an alias of ${row.aliasOf}, which is neither in the inventory nor imported`,
        );
        continue;
      }
      const alias = { name: row.fields.name, note: row.fields.notes };
      const lower = alias.name.toLowerCase();
      const at = target.fields.aliases.findIndex((a) => a.name.toLowerCase() === lower);
      if (at < 0) target.fields = { ...target.fields, aliases: [...target.fields.aliases, alias] };
      else if (target.fields.aliases[at]!.note !== alias.note || target.fields.aliases[at]!.name !== alias.name) {
        target.fields = { ...target.fields, aliases: target.fields.aliases.with(at, alias) };
      } else continue;
      target.aliasesAdded++;
    }

    for (const link of links) {
      const key = link.hostName.toLowerCase();
      let target = planned.get(key);
      const host = byName.get(key);
      if (!target && host) {
        target = {
          line: link.bmcLine,
          current: host,
          id: host.id,
          fields: fieldsOf(host),
          refs: refsOf(host, nameById),
          aliasesAdded: 0,
          fromAlias: true,
        };
        planned.set(key, target);
      }
      if (!target) {
        fail(link.bmcLine, `BMC ${link.bmcName}: ${link.hostName} is neither in the inventory nor imported`);
        continue;
      }
      const kept = target.fields.bmc;
      // What the link does not state (the stored password's reference, the jump host) stays as it was.
      const bmc: BmcSettings = { ...(kept ?? BmcSettings.parse(link.bmc)), ...link.bmc };
      const bmcJumpHostName = link.jumpHostName ?? target.refs.bmcJumpHostName;
      const same = (a: object | null, b: object | null) =>
        JSON.stringify(a, Object.keys(bmc).sort()) === JSON.stringify(b, Object.keys(bmc).sort());
      target.linked ||= !same(bmc, kept) || bmcJumpHostName !== target.refs.bmcJumpHostName;
      target.fields = { ...target.fields, bmc };
      target.refs = { ...target.refs, bmcJumpHostName };
    }

    const idOf = (name: string | null, line: number, label: string): number | null => {
      if (name === null) return null;
      const key = name.toLowerCase();
      const owners = aliasOwners.get(key);
      const id = planned.get(key)?.id ?? byName.get(key)?.id ?? (owners?.length === 1 ? owners[0]!.id : undefined);
      if (id === undefined) fail(line, `${label} "${name}" is not a host in the inventory or this import`);
      return id ?? null;
    };
    for (const p of planned.values()) {
      const { fields, refs, line } = p;
      p.fields = {
        ...fields,
        parentId: idOf(refs.parentName, line, 'parent'),
        ssh: { ...fields.ssh, jumpHostId: idOf(refs.jumpHostName, line, 'jump host') },
        bmc: fields.bmc ? { ...fields.bmc, jumpHostId: idOf(refs.bmcJumpHostName, line, 'BMC jump host') } : null,
      };
    }

    const finalState = new Map(existing.map((h) => [h.id, { ...h } as Host]));
    for (const p of planned.values())
      finalState.set(p.id, { ...p.fields, id: p.id, createdAt: '', updatedAt: '', secrets: NO_STORED_SECRETS });
    const checker = new HostChecker([...finalState.values()]);
    for (const p of planned.values()) {
      try {
        checker.check(p.fields, p.id);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        fail(p.line, error.message);
      }
    }
    if (errors.size) {
      const failed = [...errors].sort(([a], [b]) => a - b).map(([line, messages]) => ({ line, errors: messages }));
      throw new AppError(
        'invalid_input',
        `${failed.length} row${failed.length === 1 ? ' has' : 's have'} errors; nothing was imported (first: line ${failed[0]!.line}: ${failed[0]!.errors[0]})`,
        { rows: failed },
      );
    }
    return write([...planned.values()], repo);
  });
}

/**
 * Inserts new hosts after the new hosts they refer to, so most get their references in one INSERT; only a
 * reference that goes round a cycle (a parent reached through its child, say) needs an UPDATE afterwards.
 */
function write(planned: Planned[], repo: HostRepo): ImportResult {
  const result: ImportResult = { links: 0, created: 0, updated: 0, unchanged: 0, aliases: 0 };
  const now = new Date().toISOString();
  const realId = new Map<number, number>();
  const fresh = new Map(planned.filter((p) => !p.current).map((p) => [p.id, p]));
  const mapped = (id: number | null) => (id === null ? null : (realId.get(id) ?? (fresh.has(id) ? null : id)));
  const resolved = (f: HostFields): HostFields => ({
    ...f,
    parentId: mapped(f.parentId),
    ssh: { ...f.ssh, jumpHostId: mapped(f.ssh.jumpHostId) },
    bmc: f.bmc ? { ...f.bmc, jumpHostId: mapped(f.bmc.jumpHostId) } : null,
  });
  const refIds = (f: HostFields) => [f.parentId, f.ssh.jumpHostId, f.bmc?.jumpHostId ?? null];
  const visiting = new Set<number>();
  const deferred: Planned[] = [];
  const insert = (p: Planned) => {
    if (realId.has(p.id) || visiting.has(p.id)) return;
    visiting.add(p.id);
    for (const id of refIds(p.fields)) if (id !== null && fresh.has(id)) insert(fresh.get(id)!);
    const fields = resolved(p.fields);
    realId.set(p.id, repo.insert(fields, now).id);
    if (refIds(p.fields).some((id) => id !== null && mapped(id) === null)) deferred.push(p);
    result.created++;
  };
  for (const p of fresh.values()) insert(p);
  for (const p of deferred) repo.update(realId.get(p.id)!, resolved(p.fields), now);

  for (const p of planned) {
    result.aliases += p.aliasesAdded;
    if (p.linked) result.links++;
    if (!p.current) continue;
    const fields = resolved(p.fields);
    const before = fieldsOf(p.current);
    const changed = canonicalJson(fields) !== canonicalJson(before);
    if (changed) repo.update(p.id, fields, now);
    if (p.fromAlias) continue;
    const rowChanged = changed && canonicalJson({ ...fields, aliases: before.aliases }) !== canonicalJson(before);
    if (rowChanged) result.updated++;
    else result.unchanged++;
  }
  return result;
}

/** An import adds and edits aliases but never drops one: a row read from a sheet does not list them. */
function keepAliases(given: HostFields['aliases'], kept: HostFields['aliases']): HostFields['aliases'] {
  const named = new Set(given.map((a) => a.name.toLowerCase()));
  return [...given, ...kept.filter((a) => !named.has(a.name.toLowerCase()))];
}

function refsOf(host: Host, nameById: Map<number, string>): RefNames {
  const name = (id: number | null | undefined) => (id == null ? null : (nameById.get(id) ?? null));
  return {
    parentName: name(host.parentId),
    jumpHostName: name(host.ssh.jumpHostId),
    bmcJumpHostName: name(host.bmc?.jumpHostId),
  };
}
