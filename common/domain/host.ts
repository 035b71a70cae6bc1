import { z } from 'zod';

export const HOST_KINDS = ['physical', 'vm', 'container', 'device'] as const;
export const HostKind = z.enum(HOST_KINDS);
export type HostKind = z.infer<typeof HostKind>;

export const ADDRESS_LABELS = ['management', 'data', 'external', 'bmc', 'other'] as const;

/** Host names follow DNS label rules loosely (labs use underscores and dots too), but never markup or spaces. */
const HostName = z.string().trim().min(1, 'name is required').max(253, 'name is longer than 253 characters');

export const HostAddress = z.object({
  label: z.string().trim().min(1).max(32),
  address: z.string().trim().min(1).max(255),
});
export type HostAddress = z.infer<typeof HostAddress>;

export const HostAlias = z.object({
  name: HostName,
  note: z.string().max(2000).default(''),
});
export type HostAlias = z.infer<typeof HostAlias>;

const Port = z.number().int().min(1).max(65535);

export const SshSettings = z.object({
  user: z.string().trim().max(64).nullable().default(null),
  port: Port.nullable().default(null),
  /** Another inventory host that this one is reached through (ProxyJump); chains follow each host's own jump. */
  jumpHostId: z.number().int().positive().nullable().default(null),
  /** Reference into the vault (never the secret itself). */
  authRef: z.string().max(200).nullable().default(null),
  /** Path of a private key on this machine, as ssh_config's IdentityFile; the key itself is never stored. */
  identityFile: z.string().max(1024).nullable().default(null),
});
export type SshSettings = z.infer<typeof SshSettings>;

/** Out-of-band drivers a host's BMC can be (each is a driver in main/drivers/registry.ts). */
export const BMC_TYPES = ['ipmi', 'redfish'] as const;
export const BmcType = z.enum(BMC_TYPES);
export type BmcType = z.infer<typeof BmcType>;
export const BmcSettings = z.object({
  type: BmcType,
  address: z.string().trim().min(1).max(255),
  port: Port.nullable().default(null),
  user: z.string().trim().max(64).nullable().default(null),
  /** IPMI lanplus cipher suite; 3 works everywhere, 17 where the BMC supports it. */
  cipherSuite: z.number().int().min(0).max(17).default(3),
  secretRef: z.string().max(200).nullable().default(null),
  jumpHostId: z.number().int().positive().nullable().default(null),
});
export type BmcSettings = z.infer<typeof BmcSettings>;

export const HypervisorSettings = z.object({
  libvirtUri: z.string().trim().max(1024).nullable().default(null),
  domainName: z.string().trim().max(255).nullable().default(null),
  domainUuid: z.string().trim().max(64).nullable().default(null),
});
export type HypervisorSettings = z.infer<typeof HypervisorSettings>;

const nullableText = (max: number) => z.string().trim().max(max).nullable().default(null);
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
  notes: z.string().max(10_000).default(''),
  tags: z.array(z.string().trim().min(1).max(64)).default([]),
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

export const Host = HostFields.extend({
  id: z.number().int().positive(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Host = z.infer<typeof Host>;

/** The address Labvisor connects to: the management address if labelled, else the first one. */
export function primaryAddress(host: Pick<Host, 'addresses'>): string | null {
  const managed = host.addresses.find((a) => a.label === 'management');
  return (managed ?? host.addresses[0])?.address ?? null;
}
