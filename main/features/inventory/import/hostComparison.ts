import {
  BmcSettingsFields,
  HostAddress,
  HostAlias,
  HostFields,
  HypervisorSettings,
  SshSettings,
} from '../../../../common/domain/host';

export interface RefNames {
  parentName: string | null;
  jumpHostName: string | null;
  bmcJumpHostName: string | null;
}

/**
 * Every property name a host can have, sorted: as JSON.stringify's key list it fixes the key order natively,
 * which keeps comparing 10,000 hosts cheap. Taken from the schemas so new fields are compared too.
 */
const KEYS = [
  ...new Set(
    [HostFields, SshSettings, BmcSettingsFields, HypervisorSettings, HostAddress, HostAlias]
      .flatMap((s) => Object.keys(s.shape))
      .concat('refs'),
  ),
].sort();

/** JSON with keys in one fixed order, so equal values give equal text whatever order their keys were built in. */
export function canonicalJson(fields: HostFields): string {
  return JSON.stringify(fields, KEYS);
}

/** Fields with their references by name and ids dropped: equal keys mean an import would change nothing. */
export function comparableKey(fields: HostFields, refs: RefNames): string {
  return JSON.stringify(
    {
      ...withoutIds(fields),
      refs: [refs.parentName, refs.jumpHostName, refs.bmcJumpHostName].map((r) => r?.toLowerCase() ?? null),
    },
    KEYS,
  );
}

export function withoutIds(fields: HostFields): HostFields {
  return {
    ...fields,
    parentId: null,
    ssh: { ...fields.ssh, jumpHostId: null },
    bmc: fields.bmc ? { ...fields.bmc, jumpHostId: null } : null,
  };
}
