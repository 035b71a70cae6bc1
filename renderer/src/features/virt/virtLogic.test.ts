import { describe, expect, it } from 'vitest';
import type { VmRow } from '../../../../common/contract/virt';
import { filterVms, formatMiB, sortVms, stateToken } from './virtLogic';

const row = (name: string, state: string, vcpus: number, memoryMiB: number, mac = ''): VmRow => ({
  name,
  uuid: `${name}-uuid`,
  state: state as VmRow['state'],
  reason: null,
  vcpus,
  memoryMiB,
  currentMemoryMiB: memoryMiB,
  autostart: null,
  persistent: true,
  pinning: { vcpupin: [], emulatorpin: null, numaMode: null, numaNodeset: null, vcpuCpuset: null },
  disks: [],
  nics: mac ? [{ mac, type: 'network', source: 'default', model: null, target: null }] : [],
  graphics: [],
  serials: [],
  addresses: [],
  hostId: null,
  hostName: null,
});

describe('virt logic', () => {
  it('filters by name, state and MAC', () => {
    const rows = [row('web', 'running', 2, 1024), row('db', 'shut off', 4, 4096, '52:54:00:aa:bb:cc')];
    expect(filterVms(rows, 'AA:BB').map((r) => r.name)).toEqual(['db']);
    expect(filterVms(rows, 'shut').map((r) => r.name)).toEqual(['db']);
    expect(filterVms(rows, '').length).toBe(2);
  });

  it('sorts numerically with the name as tie-breaker', () => {
    const rows = [row('b', 'running', 2, 1), row('a', 'running', 2, 1), row('c', 'paused', 8, 1)];
    expect(sortVms(rows, 'vcpus', true).map((r) => r.name)).toEqual(['c', 'a', 'b']);
  });

  it('formats memory and state tokens', () => {
    expect(formatMiB(512)).toBe('512 MiB');
    expect(formatMiB(1536)).toBe('1.5 GiB');
    expect(stateToken('shut off')).toBe('shut-off');
  });
});
