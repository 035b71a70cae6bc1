import { z } from 'zod';
import { parseBmcAddress } from './bmcAddress';
import {
  BmcUserText,
  HostNameText,
  LocalPathText,
  NetworkAddressText,
  SafeLine,
  SafeText,
  TagText,
  UserText,
} from './fieldGrammar';
import { BMC_TYPES, HOST_KINDS } from './hostValues';

export { ADDRESS_LABELS, BMC_TYPES, HOST_KINDS, primaryAddress } from './hostValues';

export const HostKind = z.enum(HOST_KINDS);
export type HostKind = z.infer<typeof HostKind>;

/** Host names follow DNS label rules loosely (labs use underscores, dots and Unicode letters), see fieldGrammar. */
export const HostName = HostNameText;

export const HostAddress = z.object({
  label: SafeLine(32).min(1),
  address: NetworkAddressText,
});
export type HostAddress = z.infer<typeof HostAddress>;

export const HostAlias = z.object({
  name: HostName,
  note: SafeText(2000).default(''),
});
export type HostAlias = z.infer<typeof HostAlias>;

const Port = z.number().int().min(1).max(65535);

export const SshSettings = z.object({
  user: UserText.nullable().default(null),
  port: Port.nullable().default(null),
  /** Another inventory host that this one is reached through (ProxyJump); chains follow each host's own jump. */
  jumpHostId: z.number().int().positive().nullable().default(null),
  /** Path of a private key on this machine, as ssh_config's IdentityFile; the key itself is never stored. */
  identityFile: LocalPathText.nullable().default(null),
  /** Further keys tried after `identityFile`, in order, as ssh_config's later IdentityFile lines are. */
  moreIdentityFiles: z.array(LocalPathText).max(16).default([]),
});
export type SshSettings = z.infer<typeof SshSettings>;

export const BmcType = z.enum(BMC_TYPES);
export type BmcType = z.infer<typeof BmcType>;
/** After the split below, the address alone: a port left in it means the port field said otherwise. */
const BmcAddress = NetworkAddressText.superRefine((text, ctx) => {
  const parsed = parseBmcAddress(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
  else if (parsed.value.port !== null || parsed.value.address !== text)
    ctx.addIssue({ code: 'custom', message: `BMC address "${text}" names a different port than the port field` });
});

/** The fields of a host's BMC, as stored; `BmcSettings` is what every door accepts. */
export const BmcSettingsFields = z.object({
  type: BmcType,
  address: BmcAddress,
  port: Port.nullable().default(null),
  user: BmcUserText.nullable().default(null),
  /** IPMI lanplus cipher suite; 3 works everywhere, 17 where the BMC supports it. */
  cipherSuite: z.number().int().min(0).max(17).default(3),
  jumpHostId: z.number().int().positive().nullable().default(null),
});

/**
 * `host:port`, `[v6]:port` or a URL in the address (a sheet, the editor, the API) becomes address + port; when the
 * port field is set too, both must agree.
 */
function splitBmcPort(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || typeof (value as { address?: unknown }).address !== 'string')
    return value;
  const fields = value as { address: string; port?: unknown };
  const parsed = parseBmcAddress(fields.address);
  if (!parsed.ok) return value;
  const { address, port } = parsed.value;
  if (port !== null && fields.port != null && fields.port !== port) return value;
  return { ...fields, address, port: port ?? fields.port ?? null };
}

export const BmcSettings = z.preprocess(splitBmcPort, BmcSettingsFields);
export type BmcSettings = z.infer<typeof BmcSettingsFields>;

export const HypervisorSettings = z.object({
  libvirtUri: SafeLine(1024).nullable().default(null),
  domainName: SafeLine(255).nullable().default(null),
  domainUuid: SafeLine(64).nullable().default(null),
});
export type HypervisorSettings = z.infer<typeof HypervisorSettings>;

const nullableText = (max: number) => SafeLine(max).nullable().default(null);
const nullableCount = z.number().nonnegative().nullable().default(null);

/** Everything a user can set on a host; the shape of add/update input and of one import row. */
export const HostFields = z.object({
  name: HostName,
  kind: HostKind.default('physical'),
  /** 0 = bare metal, 1 = VM on it, 2 = VM inside a VM, ... */
  layer: z.number().int().min(0).max(9).default(0),
  parentId: z.number().int().positive().nullable().default(null),
  cluster: nullableText(64),
  role: nullableText(64),
  index: z.number().int().nonnegative().nullable().default(null),
  arch: nullableText(32),
  cpus: nullableCount,
  memoryGiB: nullableCount,
  diskGiB: nullableCount,
  /** Media the disk size was written with in the sheet (SSD, NVMe, SD, HDD). */
  diskType: nullableText(32),
  numa: nullableText(255),
  notes: SafeText(10_000).default(''),
  tags: z.array(TagText).default([]),
  addresses: z.array(HostAddress).default([]),
  aliases: z.array(HostAlias).default([]),
  ssh: SshSettings.default(SshSettings.parse({})),
  bmc: BmcSettings.nullable().default(null),
  hypervisor: HypervisorSettings.nullable().default(null),
  /** Destructive actions on a protected host require typing its name. */
  protected: z.boolean().default(false),
});
export type HostFields = z.infer<typeof HostFields>;
export type HostFieldsInput = z.input<typeof HostFields>;

/** Which of the host's secrets the vault holds; set by the server, never input (see main/platform/secrets). */
export const StoredSecrets = z.object({
  sshPassword: z.boolean(),
  sshPassphrase: z.boolean(),
  bmcPassword: z.boolean(),
});
export type StoredSecrets = z.infer<typeof StoredSecrets>;
export const NO_STORED_SECRETS: StoredSecrets = { sshPassword: false, sshPassphrase: false, bmcPassword: false };

export const Host = HostFields.extend({
  id: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
  secrets: StoredSecrets.default(NO_STORED_SECRETS),
});
export type Host = z.infer<typeof Host>;

type WithoutDefault<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
type Changes<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<WithoutDefault<S[K]>> };

/**
 * Every key optional and no defaults: zod's `.partial()` would still fill absent keys with their defaults, so
 * an update naming only the BMC would reset addresses, CPUs and notes.
 */
function changesOf<S extends z.ZodRawShape>(schema: z.ZodObject<S>): z.ZodObject<Changes<S>> {
  const shape = Object.fromEntries(
    Object.entries(schema.shape).map(([key, field]) => [
      key,
      (field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType)).optional(),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<Changes<S>>;
}

/** What an update may name: top-level fields replace, `ssh`, `bmc` and `hypervisor` merge key by key. */
export const HostChanges = changesOf(HostFields).extend({
  ssh: changesOf(SshSettings).optional(),
  // The address as written (`host:port` too): the merged host passes HostFields, which splits and checks it.
  bmc: changesOf(BmcSettingsFields)
    .extend({ address: z.string().trim().min(1).max(255).optional() })
    .nullable()
    .optional(),
  hypervisor: changesOf(HypervisorSettings).nullable().optional(),
});
export type HostChanges = z.infer<typeof HostChanges>;

/** The host after applying `changes`; the result still has to pass HostFields (a new BMC needs its address). */
export function applyHostChanges(current: HostFields, changes: HostChanges): HostFieldsInput {
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const { ssh, bmc, hypervisor, ...top } = changes;
  return {
    ...current,
    ...defined(top),
    ssh: { ...current.ssh, ...defined(ssh ?? {}) },
    bmc:
      bmc === null
        ? null
        : bmc === undefined
          ? current.bmc
          : ({ ...current.bmc, ...defined(bmc) } as HostFieldsInput['bmc']),
    hypervisor:
      hypervisor === null
        ? null
        : hypervisor === undefined
          ? current.hypervisor
          : { ...current.hypervisor, ...defined(hypervisor) },
  };
}
