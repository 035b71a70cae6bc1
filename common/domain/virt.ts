import { z } from 'zod';

/** libvirt's domain states (`virsh domstate`), plus `unknown` when the hypervisor could not be asked. */
export const DOMAIN_STATES = [
  'running',
  'idle',
  'paused',
  'in shutdown',
  'shut off',
  'crashed',
  'pmsuspended',
  'unknown',
] as const;
export const DomainState = z.enum(DOMAIN_STATES);
export type DomainState = z.infer<typeof DomainState>;

/** A libvirt connection URI: `qemu:///system` (default), `qemu:///session`, `test:///path/node.xml`, … */
export const LibvirtUri = z
  .string()
  .trim()
  .min(1)
  .max(1024)
  .regex(/^[a-z][a-z0-9+.-]*:\/\/[^\s]*$/i, 'a libvirt URI looks like qemu:///system');
export const DEFAULT_LIBVIRT_URI = 'qemu:///system';

/** libvirt domain UUIDs: the only domain identifier Labvisor ever puts on a virsh command line it builds itself. */
export const DomainUuid = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'not a UUID');

export const DomainDisk = z.object({
  target: z.string(),
  device: z.string(),
  bus: z.string().nullable(),
  /** File path, block device, volume (`pool/volume`) or network name; null for an empty CD-ROM. */
  source: z.string().nullable(),
  format: z.string().nullable(),
  capacityBytes: z.number().nullable(),
});
export type DomainDisk = z.infer<typeof DomainDisk>;

export const DomainNic = z.object({
  mac: z.string().nullable(),
  type: z.string(),
  /** The network or bridge (or direct device) it is attached to. */
  source: z.string().nullable(),
  model: z.string().nullable(),
  target: z.string().nullable(),
});
export type DomainNic = z.infer<typeof DomainNic>;

export const DomainGraphics = z.object({
  type: z.string(),
  /** null while the domain is not running with autoport. */
  port: z.number().int().nullable(),
  listen: z.string().nullable(),
  /** Only whether a password is set: the password itself is dropped while parsing. */
  passwordSet: z.boolean(),
});
export type DomainGraphics = z.infer<typeof DomainGraphics>;

export const DomainSerial = z.object({
  kind: z.enum(['serial', 'console']),
  type: z.string(),
  /** pty path, TCP host:port, file, … when libvirt reports one. */
  source: z.string().nullable(),
  port: z.number().int().nullable(),
});
export type DomainSerial = z.infer<typeof DomainSerial>;

const DomainPinning = z.object({
  /** vCPU number → physical CPU list as libvirt writes it (`0-3,^2`). */
  vcpupin: z.array(z.object({ vcpu: z.number().int(), cpuset: z.string() })),
  emulatorpin: z.string().nullable(),
  /** `<numatune><memory mode nodeset>`. */
  numaMode: z.string().nullable(),
  numaNodeset: z.string().nullable(),
  /** `<vcpu cpuset>`: the default placement of unpinned vCPUs. */
  vcpuCpuset: z.string().nullable(),
});

/** Where libvirt learnt a guest's IP: its DHCP leases, the host's ARP table, or the guest agent. */
export const ADDRESS_SOURCES = ['lease', 'arp', 'agent'] as const;

export const DomainAddress = z.object({
  mac: z.string().nullable(),
  /** The address alone (no prefix), validated as IPv4 or IPv6. */
  ip: z.string(),
  prefix: z.number().int().nullable(),
  source: z.enum(ADDRESS_SOURCES),
});
export type DomainAddress = z.infer<typeof DomainAddress>;

/** One domain as discovered on a hypervisor. */
export const DomainInfo = z.object({
  name: z.string(),
  uuid: z.string(),
  state: DomainState,
  reason: z.string().nullable(),
  vcpus: z.number().int(),
  memoryMiB: z.number(),
  currentMemoryMiB: z.number(),
  autostart: z.boolean().nullable(),
  persistent: z.boolean().nullable(),
  pinning: DomainPinning,
  disks: z.array(DomainDisk),
  nics: z.array(DomainNic),
  graphics: z.array(DomainGraphics),
  serials: z.array(DomainSerial),
  /** Guest IPs from `virsh domifaddr` (running domains only; empty when libvirt knows none). */
  addresses: z.array(DomainAddress).default([]),
});
export type DomainInfo = z.infer<typeof DomainInfo>;

/** One NUMA node of the hypervisor (`virsh capabilities` topology, free memory from `virsh freecell --all`). */
export const NumaCell = z.object({
  id: z.number().int(),
  /** Physical CPU numbers of this node. */
  cpus: z.array(z.number().int()),
  memoryMiB: z.number(),
  /** null when freecell did not report this node. */
  freeMiB: z.number().nullable(),
});
export type NumaCell = z.infer<typeof NumaCell>;

/** The hypervisor's physical resources (`virsh nodeinfo`). */
export const NodeInfo = z.object({
  cpus: z.number().int(),
  numaCells: z.number().int(),
  memoryMiB: z.number(),
  model: z.string().nullable(),
  /** Per-node capacity; empty when libvirt reports no topology (e.g. its test driver with a custom node). */
  cells: z.array(NumaCell).default([]),
});
export type NodeInfo = z.infer<typeof NodeInfo>;

/**
 * `internal`: inside the qcow2 disks (with memory when the VM ran); `disk-only`: external overlay files, no memory;
 * `external`: overlay files plus the memory in a file of its own.
 */
export const SNAPSHOT_KINDS = ['internal', 'disk-only', 'external'] as const;
export const SnapshotKind = z.enum(SNAPSHOT_KINDS);
export type SnapshotKind = z.infer<typeof SnapshotKind>;

export const DomainSnapshot = z.object({
  name: z.string(),
  kind: SnapshotKind.default('internal'),
  description: z.string(),
  createdAt: z.string().nullable(),
  /** The domain's state when the snapshot was taken (`running` snapshots hold memory). */
  state: z.string().nullable(),
  parent: z.string().nullable(),
  current: z.boolean(),
});
export type DomainSnapshot = z.infer<typeof DomainSnapshot>;

/** Whether a domain state counts as powered on for the power model. */
export function domainPowered(state: DomainState): 'on' | 'off' | 'unknown' {
  if (state === 'unknown') return 'unknown';
  return state === 'shut off' || state === 'crashed' ? 'off' : 'on';
}
