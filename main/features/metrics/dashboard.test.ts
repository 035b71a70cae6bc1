import { describe, expect, it } from 'vitest';
import type { HostOverview } from '../../../common/contract/metrics';
import { dashboardOf } from './dashboard';

let nextId = 1;
const host = (
  name: string,
  values: Record<string, number>,
  { state = 'up', parentId = null }: { state?: HostOverview['reachability']['state']; parentId?: number | null } = {},
): HostOverview => {
  const hostId = nextId++;
  return {
    hostId,
    hostName: name,
    kind: 'physical',
    parentId,
    reachability: { hostId, state, since: null, message: '' },
    collector: { hostId, state: 'off', intervalSec: null, message: '' },
    at: null,
    values,
    spark: { cpu: [], mem: [] },
  };
};

describe('the dashboard view', () => {
  it('keeps every host that is down, the busiest hosts and the largest VMs in order, and nothing else', () => {
    const hv = host('hv', { 'cpu.percent': 40, 'cpu.count': 4 });
    const hosts = [
      hv,
      host('idle', { 'cpu.percent': 1 }),
      host('dead-1', {}, { state: 'down' }),
      host('busy', { 'cpu.percent': 95 }),
      host(
        'vm-a',
        { 'vm.cpuPercentHost': 30, 'vm.memBytes': 4e9, 'vm.state': 1, 'vm.vcpus': 6 },
        { parentId: hv.hostId },
      ),
      host(
        'vm-b',
        { 'vm.cpuPercentHost': 70, 'vm.memRssBytes': 1e9, 'vm.diskReadBps': 5, 'vm.state': 1, 'vm.vcpus': 4 },
        { parentId: hv.hostId },
      ),
      host('vm-off', { 'vm.state': 5, 'vm.vcpus': 16 }, { parentId: hv.hostId }),
      host('never-seen', {}, { state: 'unknown' }),
      host('dead-2', {}, { state: 'down' }),
    ];
    const view = dashboardOf(hosts, 2);
    expect(view.down.map((h) => h.hostName)).toEqual(['dead-1', 'dead-2']);
    expect(view.busiest.map((h) => h.hostName)).toEqual(['busy', 'hv']);
    expect(view.vms.cpu).toEqual([
      { hostId: hosts[5]!.hostId, hostName: 'vm-b', value: 70 },
      { hostId: hosts[4]!.hostId, hostName: 'vm-a', value: 30 },
    ]);
    // Resident memory first, the balloon size where that is all there is.
    expect(view.vms.mem.map((v) => [v.hostName, v.value])).toEqual([
      ['vm-a', 4e9],
      ['vm-b', 1e9],
    ]);
    expect(view.vms.disk.map((v) => [v.hostName, v.value])).toEqual([['vm-b', 5]]);
    expect(view.vms.net).toEqual([]);
    // Running VMs only: 6 + 4 vCPUs on 4 CPUs.
    expect(view.overcommit).toEqual([{ host: 'hv', vcpus: 10, cpus: 4, ratio: '2.5' }]);
  });

  it('from 10,000 hosts sends a few rows, not the inventory', () => {
    const hosts = Array.from({ length: 10_000 }, (_, i) =>
      host(`h-${i}`, { 'cpu.percent': i % 100 }, i % 1000 === 0 ? { state: 'down' } : {}),
    );
    const view = dashboardOf(hosts, 10);
    expect(view.busiest).toHaveLength(10);
    expect(view.busiest.every((h) => h.values['cpu.percent'] === 99)).toBe(true);
    expect(view.down).toHaveLength(10);
    expect(JSON.stringify(view).length).toBeLessThan(JSON.stringify(hosts).length / 100);
  });
});
