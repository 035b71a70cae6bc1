import type { Overcommit } from '../../../common/contract/virt';
import type { DomainInfo, NodeInfo } from '../../../common/domain/virt';
import { expandCpuset } from '../../drivers/libvirt/domainXml';

const running = (d: DomainInfo) => d.state !== 'shut off' && d.state !== 'crashed' && d.state !== 'unknown';
const round = (x: number) => Math.round(x * 100) / 100;

/**
 * vCPUs and memory allocated against the hypervisor's physical ones, memory per NUMA node where numatune binds
 * it, and physical CPUs that two running domains both pin (they contend, whatever the totals say).
 */
export function overcommitOf(node: NodeInfo, domains: DomainInfo[]): Overcommit {
  const live = domains.filter(running);
  const vcpusRunning = live.reduce((s, d) => s + d.vcpus, 0);
  const memoryRunningMiB = live.reduce((s, d) => s + d.currentMemoryMiB, 0);
  const perNode = new Map<number, number>();
  const pins = new Map<number, Set<string>>();
  for (const d of live) {
    const nodes = d.pinning.numaNodeset ? (expandCpuset(d.pinning.numaNodeset) ?? []) : [];
    for (const n of nodes) perNode.set(n, (perNode.get(n) ?? 0) + d.currentMemoryMiB / nodes.length);
    for (const p of d.pinning.vcpupin)
      for (const cpu of expandCpuset(p.cpuset) ?? []) pins.set(cpu, (pins.get(cpu) ?? new Set()).add(d.name));
  }
  return {
    numaNodes: numaNodesOf(node, live, perNode),
    cpus: node.cpus,
    memoryMiB: node.memoryMiB,
    vcpusDefined: domains.reduce((s, d) => s + d.vcpus, 0),
    vcpusRunning,
    memoryDefinedMiB: domains.reduce((s, d) => s + d.memoryMiB, 0),
    memoryRunningMiB,
    cpuRatio: node.cpus ? round(vcpusRunning / node.cpus) : 0,
    memoryRatio: node.memoryMiB ? round(memoryRunningMiB / node.memoryMiB) : 0,
    numaMemoryMiB: [...perNode].sort((a, b) => a[0] - b[0]).map(([n, m]) => ({ node: n, memoryMiB: round(m) })),
    sharedPins: [...pins]
      .filter(([, names]) => names.size > 1)
      .sort((a, b) => a[0] - b[0])
      .map(([cpu, names]) => ({ cpu, domains: [...names].sort() })),
  };
}

/** Where each running domain's vCPUs may run, per NUMA node, by the node's physical CPUs. */
function numaNodesOf(node: NodeInfo, live: DomainInfo[], boundMemory: Map<number, number>): Overcommit['numaNodes'] {
  const nodeOfCpu = new Map(node.cells.flatMap((c) => c.cpus.map((cpu) => [cpu, c.id] as const)));
  const vcpus = new Map<number, number>();
  for (const d of live) {
    const pinned = new Map(d.pinning.vcpupin.map((p) => [p.vcpu, p.cpuset]));
    for (let v = 0; v < d.vcpus; v++) {
      const cpuset = pinned.get(v) ?? d.pinning.vcpuCpuset;
      const cpus = cpuset ? (expandCpuset(cpuset) ?? []) : [];
      const nodes = [...new Set(cpus.flatMap((c) => (nodeOfCpu.has(c) ? [nodeOfCpu.get(c)!] : [])))];
      // A vCPU with no cpuset at all is free to run anywhere: it is placed on no node.
      if (nodes.length === 0) continue;
      for (const n of nodes) vcpus.set(n, (vcpus.get(n) ?? 0) + 1 / nodes.length);
    }
  }
  return node.cells.map((c) => {
    const v = round(vcpus.get(c.id) ?? 0);
    const mem = round(boundMemory.get(c.id) ?? 0);
    return {
      node: c.id,
      cpus: c.cpus.length,
      memoryMiB: c.memoryMiB,
      freeMiB: c.freeMiB,
      vcpus: v,
      boundMemoryMiB: mem,
      cpuRatio: c.cpus.length ? round(v / c.cpus.length) : 0,
      memoryRatio: c.memoryMiB ? round(mem / c.memoryMiB) : 0,
      overcommitted: { cpu: v > c.cpus.length, memory: mem > c.memoryMiB },
    };
  });
}
