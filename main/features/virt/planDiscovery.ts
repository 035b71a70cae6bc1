import type { DiscoveredDomain } from '../../../common/contract/virt';
import { HostFields, HostName, type Host } from '../../../common/domain/host';
import type { DomainInfo } from '../../../common/domain/virt';
import { fieldsOf } from '../inventory/hostRepo';

interface PlannedDomain extends DiscoveredDomain {
  /** What to write: the full fields for a new host, the merged fields for an update. */
  fields: HostFields;
}

export interface DiscoveryPlan {
  domains: PlannedDomain[];
  missing: { hostId: number; hostName: string; uuid: string | null }[];
}

const normalMac = (mac: string) => mac.toLowerCase().replace(/[^0-9a-f]/g, '');
/** Host addresses may carry a prefix (`10.0.0.5/24`) or brackets (`[fd00::5]`); libvirt's IPs are bare. */
const normalIp = (address: string) =>
  address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\/\d+$/, '');
const GIB = 1024;

/** The fields libvirt is the authority on; everything else (addresses, SSH, notes, tags…) stays as the user set it. */
function vmFields(d: DomainInfo, hypervisor: Host, base: HostFields): HostFields {
  const diskBytes = d.disks.reduce((sum, k) => sum + (k.device === 'disk' ? (k.capacityBytes ?? 0) : 0), 0);
  return HostFields.parse({
    ...base,
    kind: 'vm',
    layer: Math.min(hypervisor.layer + 1, 9),
    parentId: hypervisor.id,
    cpus: d.vcpus,
    memoryGiB: Math.round((d.memoryMiB / GIB) * 1000) / 1000,
    diskGiB: diskBytes > 0 ? Math.round((diskBytes / 1024 ** 3) * 1000) / 1000 : base.diskGiB,
    numa: d.pinning.numaNodeset ?? base.numa,
    hypervisor: {
      // A VM may itself be a hypervisor (nested): its own URI is kept.
      libvirtUri: base.hypervisor?.libvirtUri ?? null,
      domainName: d.name,
      domainUuid: d.uuid,
    },
  });
}

function changesBetween(before: HostFields, after: HostFields): DiscoveredDomain['changes'] {
  const keys: (keyof HostFields)[] = [
    'kind',
    'layer',
    'parentId',
    'cpus',
    'memoryGiB',
    'diskGiB',
    'numa',
    'hypervisor',
  ];
  return keys
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => ({ field: k, before: before[k], after: after[k] }));
}

/**
 * Matches discovered domains to inventory hosts — by domain UUID, then by name or alias, then by a MAC address
 * recorded on the host, then (last resort) by a guest IP libvirt reports that one host lists — each host at most once, and plans creates and updates. Pure: nothing is written here,
 * so a preview and a commit show and do the same thing.
 */
export function planDiscovery(hypervisor: Host, domains: DomainInfo[], hosts: Host[]): DiscoveryPlan {
  const taken = new Set<number>([hypervisor.id]);
  const candidates = hosts.filter((h) => h.id !== hypervisor.id);
  const usedNames = new Set(
    hosts.flatMap((h) => [h.name, ...h.aliases.map((a) => a.name)].map((n) => n.toLowerCase())),
  );
  const byUuid = (d: DomainInfo) =>
    candidates
      .filter((h) => !taken.has(h.id) && h.hypervisor?.domainUuid?.toLowerCase() === d.uuid)
      .sort((a, b) => Number(b.parentId === hypervisor.id) - Number(a.parentId === hypervisor.id))[0];
  // A host already tied to another domain (another UUID) is never taken over by name or MAC.
  const free = (h: Host, d: DomainInfo) =>
    !taken.has(h.id) && (!h.hypervisor?.domainUuid || h.hypervisor.domainUuid.toLowerCase() === d.uuid);
  const byName = (d: DomainInfo) => {
    const lower = d.name.toLowerCase();
    return candidates.find(
      (h) => free(h, d) && (h.name.toLowerCase() === lower || h.aliases.some((a) => a.name.toLowerCase() === lower)),
    );
  };
  const byMac = (d: DomainInfo) => {
    const macs = new Set(
      d.nics
        .map((n) => n.mac)
        .filter((m): m is string => !!m)
        .map(normalMac),
    );
    return candidates.find((h) => free(h, d) && h.addresses.some((a) => macs.has(normalMac(a.address))));
  };
  // An IP two domains claim (a guest can answer ARP or report through its agent for any address) matches neither.
  const claims = new Map<string, number>();
  for (const d of domains)
    for (const ip of new Set(d.addresses.map((a) => a.ip))) claims.set(ip, (claims.get(ip) ?? 0) + 1);
  const byIp = (d: DomainInfo) => {
    const ips = new Map(d.addresses.filter((a) => claims.get(a.ip) === 1).map((a) => [normalIp(a.ip), a.source]));
    const found = candidates.filter((h) =>
      h.addresses.some((a) => {
        const source = ips.get(normalIp(a.address));
        // Only a DHCP lease is the host's own word; ARP and agent answers come from the guest, so they may only
        // tie the domain to a host already known as a VM, never turn a physical machine into one.
        return source !== undefined && (source === 'lease' || h.kind === 'vm');
      }),
    );
    return found.length === 1 && free(found[0]!, d) ? found[0] : undefined;
  };
  // UUID matches first for every domain, so a name match can never steal a host another domain owns by UUID.
  const matched = new Map<string, { host: Host; by: NonNullable<DiscoveredDomain['matchedBy']> }>();
  for (const d of domains) {
    const h = byUuid(d);
    if (h) {
      taken.add(h.id);
      matched.set(d.uuid, { host: h, by: 'uuid' });
    }
  }
  const finders = { name: byName, mac: byMac, ip: byIp };
  for (const by of ['name', 'mac', 'ip'] as const) {
    for (const d of domains) {
      if (matched.has(d.uuid)) continue;
      const h = finders[by](d);
      if (h) {
        taken.add(h.id);
        matched.set(d.uuid, { host: h, by });
      }
    }
  }
  const planned = domains.map((d): PlannedDomain => {
    const match = matched.get(d.uuid);
    if (match) {
      const before = fieldsOf(match.host);
      const fields = vmFields(d, hypervisor, before);
      const changes = changesBetween(before, fields);
      return {
        name: d.name,
        uuid: d.uuid,
        state: d.state,
        action: changes.length ? 'update' : 'unchanged',
        hostId: match.host.id,
        hostName: match.host.name,
        matchedBy: match.by,
        changes,
        fields,
      };
    }
    const name = uniqueName(d.name, hypervisor.name, usedNames);
    usedNames.add(name.toLowerCase());
    const fields = vmFields(d, hypervisor, HostFields.parse({ name }));
    return {
      name: d.name,
      uuid: d.uuid,
      state: d.state,
      action: 'create',
      hostId: null,
      hostName: name,
      matchedBy: null,
      changes: changesBetween(HostFields.parse({ name }), fields),
      fields,
    };
  });
  const seen = new Set(domains.map((d) => d.uuid));
  const missing = hosts
    .filter(
      (h) =>
        h.parentId === hypervisor.id &&
        h.hypervisor?.domainUuid &&
        !seen.has(h.hypervisor.domainUuid.toLowerCase()) &&
        !planned.some((p) => p.hostId === h.id),
    )
    .map((h) => ({ hostId: h.id, hostName: h.name, uuid: h.hypervisor?.domainUuid ?? null }));
  return { domains: planned, missing };
}

/**
 * A host name for a domain: the domain's own name when the host-name grammar accepts it, else that name with every
 * run of other characters turned into `-` (`x;touch p` → `x-touch-p`; the exact domain name stays in
 * `hypervisor.domainName`); then `name.hypervisor` and numbered when taken.
 */
function uniqueName(domainName: string, hypervisorName: string, used: Set<string>): string {
  const cleaned = domainName
    .replace(/[^\p{L}\p{N}\p{M}._-]+/gu, '-')
    .replace(/^[^\p{L}\p{N}]+|-+$/gu, '')
    .slice(0, 180);
  const base = HostName.safeParse(domainName).success ? domainName.trim() : cleaned || 'vm';
  const qualified = `${base.slice(0, 180)}.${hypervisorName.slice(0, 60)}`;
  const free = (n: string) => !used.has(n.toLowerCase());
  if (free(base)) return base;
  if (free(qualified)) return qualified;
  let n = 2;
  while (!free(`${qualified}-${n}`)) n++;
  return `${qualified}-${n}`;
}
