import { HostFields, type BmcType, type HostKind } from '../../../../common/domain/host';
import type { ColumnTarget, ImportFormat } from '../../../../common/contract/inventory';

/** Values a file states about a host; anything absent is left to the existing host or the naming convention. */
interface StatedValues {
  kind: HostKind;
  layer: number;
  cluster: string;
  role: string;
  index: number;
  arch: string;
  cpus: number;
  memoryGiB: number;
  diskGiB: number;
  diskType: string;
  numa: string;
  notes: string;
  tags: string[];
  address: string;
  sshUser: string;
  sshPort: number;
  identityFile: string;
  moreIdentityFiles: string[];
  bmcType: BmcType;
  bmcAddress: string;
  bmcPort: number;
  bmcUser: string;
}

/** Fields a sheet may clear with the clear marker (`-`): everything optional on a host. */
export const CLEARABLE = [
  'cluster',
  'role',
  'index',
  'arch',
  'cpus',
  'memoryGiB',
  'diskGiB',
  'diskType',
  'numa',
  'notes',
  'tags',
  'sshUser',
  'sshPort',
  'identityFile',
  'bmcAddress',
  'bmcPort',
  'bmcUser',
] as const;
export type Clearable = (typeof CLEARABLE)[number];

/** A stated value, or `null` where the file cleared a field. */
export type DraftValues = { [K in keyof StatedValues]: K extends Clearable ? StatedValues[K] | null : StatedValues[K] };

/** A reference to another host as written in the file: a name, an alias or an address (`user@` and `:port` allowed). */
interface DraftRefs {
  parent?: string | null;
  jump?: string | null;
  bmcJump?: string | null;
}

/** One host as a reader found it, before it is compared with the inventory. */
export interface ImportDraft {
  line: number;
  name: string | null;
  values: Partial<DraftValues>;
  refs: DraftRefs;
  /** Formats that describe a host completely (Labvisor JSON) replace every field instead of merging. */
  complete?: HostFields;
  errors: string[];
  warnings: string[];
}

/** What a reader makes of a file. */
export interface ParsedFile {
  format: Exclude<ImportFormat, 'auto'>;
  headers: string[];
  mapping: Record<string, ColumnTarget>;
  unmappedHeaders: string[];
  drafts: ImportDraft[];
  errors: string[];
  /** Spreadsheets list services sharing a host's address as extra rows: those become aliases. */
  foldAliases: boolean;
  /** Which reader answered: a reference tool (`ssh -G`, `ansible-inventory`) or `labvisor`. */
  readBy: string;
}

export function newDraft(line: number, name: string | null = null): ImportDraft {
  return { line, name, values: {}, refs: {}, errors: [], warnings: [] };
}

/** Lays the stated values over a host's fields (nested settings included); `null` clears a field. */
export function applyValues(base: HostFields, v: Partial<DraftValues>): HostFields {
  const f: HostFields = {
    ...base,
    tags: [...base.tags],
    addresses: [...base.addresses],
    aliases: [...base.aliases],
    ssh: { ...base.ssh },
    bmc: base.bmc ? { ...base.bmc } : null,
  };
  for (const key of [
    'kind',
    'layer',
    'cluster',
    'role',
    'index',
    'arch',
    'cpus',
    'memoryGiB',
    'diskGiB',
    'diskType',
    'numa',
  ] as const) {
    if (v[key] !== undefined) (f as Record<string, unknown>)[key] = v[key];
  }
  if (v.notes !== undefined) f.notes = v.notes ?? '';
  if (v.tags !== undefined) f.tags = v.tags ?? [];
  if (v.address !== undefined) f.addresses = withPrimaryAddress(f.addresses, v.address);
  if (v.sshUser !== undefined) f.ssh.user = v.sshUser;
  if (v.sshPort !== undefined) f.ssh.port = v.sshPort;
  if (v.identityFile !== undefined) f.ssh.identityFile = v.identityFile;
  if (v.moreIdentityFiles !== undefined) f.ssh.moreIdentityFiles = v.moreIdentityFiles;
  if (v.bmcAddress === null) f.bmc = null;
  else if (
    v.bmcAddress !== undefined ||
    v.bmcType !== undefined ||
    v.bmcUser !== undefined ||
    v.bmcPort !== undefined
  ) {
    const address = v.bmcAddress ?? f.bmc?.address;
    if (address) {
      f.bmc = {
        port: null,
        user: null,
        cipherSuite: 3,
        jumpHostId: null,
        ...f.bmc,
        type: v.bmcType ?? f.bmc?.type ?? 'ipmi',
        address,
        ...(v.bmcUser !== undefined ? { user: v.bmcUser } : {}),
        ...(v.bmcPort !== undefined ? { port: v.bmcPort } : {}),
      };
    }
  }
  return f;
}

/** The file's address becomes the management address; other addresses the host already has stay. */
function withPrimaryAddress(addresses: HostFields['addresses'], address: string): HostFields['addresses'] {
  if (addresses.some((a) => a.address === address)) return addresses;
  const i = addresses.findIndex((a) => a.label === 'management');
  if (i >= 0) return addresses.map((a, j) => (j === i ? { ...a, address } : a));
  return [{ label: 'management', address }, ...addresses];
}

const BLANK = HostFields.parse({ name: 'blank' });

/** A host with every default, built without running the schema (previewing 10,000 rows stays fast). */
export function blankHost(name: string): HostFields {
  return { ...BLANK, name, tags: [], addresses: [], aliases: [], ssh: { ...BLANK.ssh } };
}
