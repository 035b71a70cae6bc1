import type { HostOverview, MetricsDashboard } from '../../../common/contract/metrics';

type VmRanking = keyof MetricsDashboard['vms'];

const sum = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);

/** A VM's value for a ranking (undefined: the VM has no such value). */
const vmValue: Record<VmRanking, (v: Record<string, number>) => number | undefined> = {
  cpu: (v) => v['vm.cpuPercentHost'],
  mem: (v) => v['vm.memRssBytes'] ?? v['vm.memBytes'],
  disk: (v) => sum(v['vm.diskReadBps'], v['vm.diskWriteBps']),
  net: (v) => sum(v['vm.netRxBps'], v['vm.netTxBps']),
};

const top = (hosts: readonly HostOverview[], value: (h: HostOverview) => number | undefined, n: number) =>
  hosts
    .flatMap((h) => {
      const v = value(h);
      return v === undefined ? [] : [{ h, v }];
    })
    .sort((a, b) => b.v - a.v)
    .slice(0, n);

/**
 * What the Metrics dashboard shows, from every host's overview: every host that is down, the `n` busiest by CPU,
 * the `n` largest VMs by each ranking, and VM overcommit per hypervisor. Worked out where the overview is, so a
 * 10,000-host inventory does not send megabytes to the page every few seconds.
 */
export function dashboardOf(hosts: readonly HostOverview[], n: number): MetricsDashboard {
  const vms = (ranking: VmRanking) =>
    top(hosts, (h) => vmValue[ranking](h.values), n).map(({ h, v }) => ({
      hostId: h.hostId,
      hostName: h.hostName,
      value: v,
    }));
  return {
    down: hosts.filter((h) => h.reachability.state === 'down'),
    busiest: top(hosts, (h) => h.values['cpu.percent'], n).map(({ h }) => h),
    vms: { cpu: vms('cpu'), mem: vms('mem'), disk: vms('disk'), net: vms('net') },
    overcommit: overcommitOf(hosts),
  };
}

/** vCPUs of a hypervisor's running VMs over its CPUs, where both are known (one pass over the hosts). */
function overcommitOf(hosts: readonly HostOverview[]): MetricsDashboard['overcommit'] {
  const runningVcpus = new Map<number, number>();
  for (const h of hosts) {
    if (h.parentId === null || h.values['vm.state'] !== 1) continue;
    runningVcpus.set(h.parentId, (runningVcpus.get(h.parentId) ?? 0) + (h.values['vm.vcpus'] ?? 0));
  }
  const out: MetricsDashboard['overcommit'] = [];
  for (const hv of hosts) {
    const cpus = hv.values['cpu.count'];
    if (!cpus) continue;
    const vcpus = runningVcpus.get(hv.hostId) ?? 0;
    if (vcpus > 0) out.push({ host: hv.hostName, vcpus, cpus, ratio: (vcpus / cpus).toFixed(1) });
  }
  return out;
}
