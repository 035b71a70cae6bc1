import { z } from 'zod';
import { DomainInfo, DomainSnapshot, LibvirtUri, NodeInfo, SnapshotKind } from '../domain/virt';
import { mutation, query } from './define';

/** A host by name, alias or id. */
const HostRef = z.union([z.string().trim().min(1).max(253), z.number().int().positive()]);

const SnapshotName = z
  .string()
  .min(1)
  .max(200)
  .refine((n) => !n.includes('/') && !n.includes('\n') && !n.includes('\0'), 'no "/", newline or NUL in a name');

const DiscoverInput = z.object({
  host: HostRef,
  /** Default: the URI already stored on the host, else qemu:///system. */
  uri: LibvirtUri.optional(),
});

const FieldChange = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

export const DiscoveredDomain = z.object({
  name: z.string(),
  uuid: z.string(),
  state: z.string(),
  action: z.enum(['create', 'update', 'unchanged']),
  /** The inventory host it is (or will be) written to; null for one a dry run would create. */
  hostId: z.number().int().nullable(),
  hostName: z.string(),
  matchedBy: z.enum(['uuid', 'name', 'mac', 'ip']).nullable(),
  changes: z.array(FieldChange),
});
export type DiscoveredDomain = z.infer<typeof DiscoveredDomain>;

export const DiscoverResult = z.object({
  hypervisor: z.object({ hostId: z.number().int(), hostName: z.string(), uri: z.string() }),
  dryRun: z.boolean(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Child hosts of this hypervisor whose domain was not found: reported, never deleted. */
  missing: z.array(z.object({ hostId: z.number().int(), hostName: z.string(), uuid: z.string().nullable() })),
  /** Domains listed but unreadable (gone meanwhile, or XML Labvisor refused). */
  skipped: z.array(z.object({ uuid: z.string(), reason: z.string() })),
  node: NodeInfo,
  domains: z.array(DiscoveredDomain),
  /** SSH channels the discovery opened on the hypervisor's one pooled connection. */
  channels: z.number().int(),
});
export type DiscoverResult = z.infer<typeof DiscoverResult>;

export const VmRow = DomainInfo.extend({
  hostId: z.number().int().nullable(),
  hostName: z.string().nullable(),
});
export type VmRow = z.infer<typeof VmRow>;

export const Overcommit = z.object({
  cpus: z.number().int(),
  memoryMiB: z.number(),
  vcpusDefined: z.number().int(),
  vcpusRunning: z.number().int(),
  memoryDefinedMiB: z.number(),
  memoryRunningMiB: z.number(),
  /** Running vCPUs per physical CPU, running memory per physical memory. */
  cpuRatio: z.number(),
  memoryRatio: z.number(),
  /** Memory of running domains bound to each NUMA node by `numatune` (strict/preferred/interleave nodesets). */
  numaMemoryMiB: z.array(z.object({ node: z.number().int(), memoryMiB: z.number() })),
  /**
   * Per NUMA node (from the hypervisor's topology): its capacity, and what running domains place on it — vCPUs
   * by vcpupin (else `<vcpu cpuset>`; a vCPU allowed on several nodes counts a share on each), memory by numatune.
   * Unplaced vCPUs and memory count only in the totals above. `overcommitted` flags a node given more vCPUs than
   * it has CPUs, or more bound memory than it has.
   */
  numaNodes: z.array(
    z.object({
      node: z.number().int(),
      cpus: z.number().int(),
      memoryMiB: z.number(),
      freeMiB: z.number().nullable(),
      vcpus: z.number(),
      boundMemoryMiB: z.number(),
      cpuRatio: z.number(),
      memoryRatio: z.number(),
      overcommitted: z.object({ cpu: z.boolean(), memory: z.boolean() }),
    }),
  ),
  /** Physical CPUs pinned (vcpupin) by two or more running domains. */
  sharedPins: z.array(z.object({ cpu: z.number().int(), domains: z.array(z.string()) })),
});
export type Overcommit = z.infer<typeof Overcommit>;

export const VmList = z.object({
  hypervisor: z.object({ hostId: z.number().int(), hostName: z.string(), uri: z.string() }),
  node: NodeInfo,
  domains: z.array(VmRow),
  overcommit: Overcommit,
});
export type VmList = z.infer<typeof VmList>;

const VmInput = z.object({ vm: HostRef });
const Confirmed = z.object({
  /** Destructive snapshot commands are refused with `confirmation_required` unless this is true. */
  confirmed: z.boolean().default(false),
});

export const virtCommands = {
  /** What a discovery would write, without writing anything (works in read-only mode). */
  'virt.preview': query(DiscoverInput, DiscoverResult),
  /** Marks the host a hypervisor and creates/updates its VMs as child hosts; missing ones are only reported. */
  'virt.discover': mutation(DiscoverInput, DiscoverResult),
  /** Live domains of a hypervisor with their inventory hosts and the hypervisor's overcommit. */
  'virt.list': query(z.object({ host: HostRef }), VmList),
  /** One VM, live from its hypervisor. */
  'virt.domain': query(VmInput, VmRow),
  'virt.snapshots': query(VmInput, z.array(DomainSnapshot)),
  'virt.snapshotCreate': mutation(
    VmInput.extend({
      name: SnapshotName,
      description: z.string().max(10_000).default(''),
      /** `disk-only` and `external` (memory too; the VM must run) write overlay files next to the disks. */
      kind: SnapshotKind.default('internal'),
    }),
    z.array(DomainSnapshot),
  ),
  'virt.snapshotRevert': mutation(
    VmInput.extend(Confirmed.shape).extend({ name: SnapshotName, force: z.boolean().default(false) }),
    z.array(DomainSnapshot),
  ),
  'virt.snapshotDelete': mutation(
    VmInput.extend(Confirmed.shape).extend({
      name: SnapshotName,
      /** Forget the snapshot in libvirt only, keeping its files (for external snapshots libvirt cannot delete). */
      metadataOnly: z.boolean().default(false),
    }),
    z.array(DomainSnapshot),
  ),
  'virt.setAutostart': mutation(VmInput.extend({ on: z.boolean() }), z.object({ autostart: z.boolean() })),
  /**
   * Follows the hypervisor's domain events (`virsh event --all --loop`), emitted as `virt.domainEvent`; a dropped
   * stream reconnects. A watch lapses unless renewed (call again with its `watchId`) within `leaseSec`.
   */
  'virt.watch': query(
    z.object({ host: HostRef, watchId: z.string().max(100).optional() }),
    z.object({ watchId: z.string(), leaseSec: z.number() }),
  ),
  'virt.unwatch': query(z.object({ watchId: z.string().max(100) }), z.object({ stopped: z.boolean() })),
  'virt.suspend': mutation(VmInput, z.object({ state: z.string() })),
  'virt.resume': mutation(VmInput, z.object({ state: z.string() })),
} as const;

export const virtEvents = {
  /** A lifecycle event from a followed hypervisor (`virsh event --all --loop`). */
  'virt.domainEvent': z.object({
    hypervisorId: z.number().int(),
    domain: z.string(),
    event: z.string(),
    detail: z.string(),
    at: z.string(),
  }),
} as const;
