import type { HostFields } from '../../../../common/domain/host';

export interface RefNames {
  parentName: string | null;
  jumpHostName: string | null;
  bmcJumpHostName: string | null;
}

/** Fields with their references by name and ids dropped: equal keys mean an import would change nothing. */
export function comparableKey(fields: HostFields, refs: RefNames): string {
  return canonicalJson({
    ...withoutIds(fields),
    refs: [refs.parentName, refs.jumpHostName, refs.bmcJumpHostName].map((r) => r?.toLowerCase() ?? null),
  });
}

export function withoutIds(fields: HostFields): HostFields {
  return {
    ...fields,
    parentId: null,
    ssh: { ...fields.ssh, jumpHostId: null },
    bmc: fields.bmc ? { ...fields.bmc, jumpHostId: null } : null,
  };
}

/** JSON with object keys sorted, so equal values give equal text whatever order their keys were built in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
