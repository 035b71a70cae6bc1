import { AppError } from '../../../../common/result';
import { HostFields, type Host } from '../../../../common/domain/host';
import type { NamingRules } from '../../../../common/domain/naming';
import type { ImportResult, ImportRow } from '../../../../common/contract/inventory';
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
  /** Only aliases are added to this host: it is not one of the imported rows. */
  fromAlias: boolean;
}

/**
 * Writes rows in ONE transaction, all or nothing. Every row is checked again (the inventory may have changed
 * since the preview): fields, names unique with aliases, references by name resolved against the inventory and
 * the rows themselves (in any order), no loops. Any error rejects the whole import with each row's errors.
 */
export function commitImport(rows: ImportRow[], ctx: CommitContext): ImportResult {
  const { repo } = ctx;
  return repo.transaction(() => {
    const existing = repo.list();
    const errors = new Map<number, string[]>();
    const fail = (line: number, message: string) => errors.set(line, [...(errors.get(line) ?? []), message]);

    const byName = new Map(existing.map((h) => [h.name.toLowerCase(), h]));
    const nameById = new Map(existing.map((h) => [h.id, h.name]));
    const aliasOwner = new Map<string, Host>();
    for (const h of existing) for (const a of h.aliases) aliasOwner.set(a.name.toLowerCase(), h);
    let nextId = Math.max(0, ...existing.map((h) => h.id)) + 1;

    const planned = new Map<string, Planned>();
    for (const row of rows.filter((r) => !r.aliasOf)) {
      const parsed = HostFields.safeParse(row.fields);
      if (!parsed.success) {
        for (const i of parsed.error.issues) fail(row.line, `${i.path.join('.') || 'host'}: ${i.message}`);
        continue;
      }
      const key = parsed.data.name.toLowerCase();
      const twin = planned.get(key);
      if (twin) {
        fail(row.line, `"${parsed.data.name}" is also on line ${twin.line}`);
        continue;
      }
      const current = byName.get(key) ?? null;
      planned.set(key, {
        line: row.line,
        current,
        id: current?.id ?? nextId++,
        fields: parsed.data,
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

    const idOf = (name: string | null, line: number, label: string): number | null => {
      if (name === null) return null;
      const key = name.toLowerCase();
      const id = planned.get(key)?.id ?? byName.get(key)?.id ?? aliasOwner.get(key)?.id;
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
    for (const p of planned.values()) finalState.set(p.id, { ...p.fields, id: p.id, createdAt: '', updatedAt: '' });
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

/** Inserts new hosts, then sets every reference once all ids are known; skips hosts that would not change. */
function write(planned: Planned[], repo: HostRepo): ImportResult {
  const result: ImportResult = { created: 0, updated: 0, unchanged: 0, aliases: 0 };
  const now = new Date().toISOString();
  const realId = new Map<number, number>();
  for (const p of planned) {
    result.aliases += p.aliasesAdded;
    if (p.current) continue;
    const noRefs = { ...p.fields, parentId: null, ssh: { ...p.fields.ssh, jumpHostId: null } };
    noRefs.bmc = p.fields.bmc ? { ...p.fields.bmc, jumpHostId: null } : null;
    realId.set(p.id, repo.insert(noRefs, now).id);
    result.created++;
  }
  const mapped = (id: number | null) => (id === null ? null : (realId.get(id) ?? id));
  for (const p of planned) {
    const fields: HostFields = {
      ...p.fields,
      parentId: mapped(p.fields.parentId),
      ssh: { ...p.fields.ssh, jumpHostId: mapped(p.fields.ssh.jumpHostId) },
      bmc: p.fields.bmc ? { ...p.fields.bmc, jumpHostId: mapped(p.fields.bmc.jumpHostId) } : null,
    };
    if (!p.current) {
      if (fields.parentId !== null || fields.ssh.jumpHostId !== null || fields.bmc?.jumpHostId != null)
        repo.update(realId.get(p.id)!, fields, now);
      continue;
    }
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

function refsOf(host: Host, nameById: Map<number, string>): RefNames {
  const name = (id: number | null | undefined) => (id == null ? null : (nameById.get(id) ?? null));
  return {
    parentName: name(host.parentId),
    jumpHostName: name(host.ssh.jumpHostId),
    bmcJumpHostName: name(host.bmc?.jumpHostId),
  };
}
