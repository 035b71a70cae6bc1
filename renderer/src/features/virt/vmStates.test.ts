import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../../common/contract';
import type { DomainState } from '../../../../common/domain/virt';
import { createVmStates, stateFromEvent, type VmStatesSource } from './vmStates';

type DomainEvent = EventPayload<'virt.domainEvent'>;
type Listed = { name: string; hostId: number | null; state: DomainState; reason: string | null }[];

/** A source answered by the test: the hypervisors' domains, and the events it pushes. */
function fakeSource(domains: Map<number, Listed | Error>) {
  const listeners = new Set<(e: DomainEvent) => void>();
  const lists: number[] = [];
  const watches: number[] = [];
  const unwatched: string[] = [];
  const source: VmStatesSource = {
    list: async (id) => {
      lists.push(id);
      const d = domains.get(id);
      if (d instanceof Error) throw d;
      return d ?? [];
    },
    watch: async (id, watchId) => {
      watches.push(id);
      return { watchId: watchId ?? `w${id}`, leaseSec: 60 };
    },
    unwatch: (watchId) => void unwatched.push(watchId),
    onDomainEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  const emit = (hypervisorId: number, domain: string, detail: string, event = 'lifecycle') =>
    listeners.forEach((l) => l({ hypervisorId, domain, event, detail, at: '' }));
  return { source, lists, watches, unwatched, emit, listeners };
}

describe('stateFromEvent', () => {
  it('maps virsh lifecycle events to domain states with the reason', () => {
    expect(stateFromEvent('lifecycle', 'Started Booted')).toEqual({ state: 'running', reason: 'booted' });
    expect(stateFromEvent('lifecycle', 'Stopped Destroyed')).toEqual({ state: 'shut off', reason: 'destroyed' });
    expect(stateFromEvent('lifecycle', 'Suspended Paused')).toEqual({ state: 'paused', reason: 'paused' });
    expect(stateFromEvent('lifecycle', 'Resumed Unpaused')).toEqual({ state: 'running', reason: 'unpaused' });
    expect(stateFromEvent('lifecycle', 'Crashed Panicked')).toEqual({ state: 'crashed', reason: 'panicked' });
    expect(stateFromEvent('lifecycle', 'Started From Snapshot')).toEqual({ state: 'running', reason: 'from snapshot' });
    expect(stateFromEvent('lifecycle', 'Shutdown Finished')).toEqual({ state: 'in shutdown', reason: 'finished' });
    expect(stateFromEvent('lifecycle', 'PMSuspended')).toEqual({ state: 'pmsuspended', reason: null });
  });

  it('says nothing for events that do not tell the state', () => {
    expect(stateFromEvent('reboot', '')).toBeNull();
    expect(stateFromEvent('lifecycle', 'Defined Added')).toBeNull();
    expect(stateFromEvent('lifecycle', 'Undefined Removed')).toBeNull();
    expect(stateFromEvent('lifecycle', '')).toBeNull();
    expect(stateFromEvent('device-removed', 'Stopped')).toBeNull();
  });
});

describe('VM states for the inventory', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads each hypervisor once, then follows its events without reading again', async () => {
    const f = fakeSource(
      new Map([
        [
          1,
          [
            { name: 'vm-a', hostId: 10, state: 'running', reason: 'booted' },
            { name: 'vm-b', hostId: 11, state: 'shut off', reason: 'shutdown' },
            { name: 'stray', hostId: null, state: 'running', reason: null },
          ],
        ],
      ]),
    );
    const vms = createVmStates(f.source);
    const changes = vi.fn();
    vms.subscribe(changes);
    vms.track([
      { hostId: 10, hypervisorId: 1 },
      { hostId: 11, hypervisorId: 1 },
    ]);
    await vi.waitFor(() => expect(vms.get(10)).toEqual({ state: 'running', reason: 'booted' }));
    expect(vms.get(11)?.state).toBe('shut off');
    expect(f.watches).toEqual([1]);

    const a = vms.get(10);
    f.emit(1, 'vm-b', 'Started Booted');
    expect(vms.get(11)).toEqual({ state: 'running', reason: 'booted' });
    // Rows of other VMs keep the very same value, so they do not re-render.
    expect(vms.get(10)).toBe(a);
    f.emit(1, 'vm-a', 'Suspended Paused');
    expect(vms.get(10)?.state).toBe('paused');
    // Events of other hypervisors, other kinds or domains nobody imported change nothing.
    f.emit(2, 'vm-a', 'Stopped Destroyed');
    f.emit(1, 'vm-a', 'Rebooted', 'reboot');
    f.emit(1, 'stray', 'Stopped Destroyed');
    expect(vms.get(10)?.state).toBe('paused');
    await vi.advanceTimersByTimeAsync(2000);
    expect(f.lists).toEqual([1]);
  });

  it('reads again when a domain is defined or removed, once per burst', async () => {
    const domains = new Map<number, Listed | Error>([
      [1, [{ name: 'vm-a', hostId: 10, state: 'running', reason: null }]],
    ]);
    const f = fakeSource(domains);
    const vms = createVmStates(f.source);
    vms.track([{ hostId: 10, hypervisorId: 1 }]);
    await vi.waitFor(() => expect(vms.get(10)?.state).toBe('running'));
    domains.set(1, []);
    f.emit(1, 'vm-a', 'Stopped Destroyed');
    f.emit(1, 'vm-a', 'Undefined Removed');
    f.emit(1, 'vm-a', 'Undefined Removed');
    await vi.advanceTimersByTimeAsync(1500);
    expect(f.lists).toEqual([1, 1]);
    expect(vms.get(10)).toEqual({ state: 'unknown', reason: 'not on its hypervisor' });
  });

  it('shows every VM of an unreachable hypervisor as unknown, with the reason', async () => {
    const f = fakeSource(new Map([[1, new Error('kvm-01: connection refused')]]));
    const vms = createVmStates(f.source);
    vms.track([
      { hostId: 10, hypervisorId: 1 },
      { hostId: 11, hypervisorId: 1 },
    ]);
    await vi.waitFor(() => expect(vms.get(11)).toEqual({ state: 'unknown', reason: 'kvm-01: connection refused' }));
    expect(vms.get(10)?.state).toBe('unknown');
  });

  it('keeps one lease per hypervisor, renews it, and lets it go when no VM of it is tracked', async () => {
    const f = fakeSource(new Map());
    const vms = createVmStates(f.source);
    vms.track([
      { hostId: 10, hypervisorId: 1 },
      { hostId: 11, hypervisorId: 1 },
      { hostId: 20, hypervisorId: 2 },
    ]);
    await vi.waitFor(() => expect(f.lists.sort()).toEqual([1, 2]));
    expect(f.watches.sort()).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(f.watches.sort()).toEqual([1, 1, 2, 2]);
    vms.track([{ hostId: 20, hypervisorId: 2 }]);
    expect(f.unwatched).toEqual(['w1']);
    vms.track([]);
    expect(f.unwatched).toEqual(['w1', 'w2']);
    expect(f.listeners.size).toBe(0);
  });

  it('reads a followed hypervisor again when a new VM of it appears in the inventory', async () => {
    const f = fakeSource(new Map([[1, [{ name: 'vm-b', hostId: 11, state: 'paused', reason: 'user' }]]]));
    const vms = createVmStates(f.source);
    vms.track([{ hostId: 10, hypervisorId: 1 }]);
    await vi.waitFor(() => expect(f.lists).toEqual([1]));
    vms.track([
      { hostId: 10, hypervisorId: 1 },
      { hostId: 11, hypervisorId: 1 },
    ]);
    await vi.waitFor(() => expect(vms.get(11)).toEqual({ state: 'paused', reason: 'user' }));
    expect(f.lists).toEqual([1, 1]);
    vms.track([
      { hostId: 10, hypervisorId: 1 },
      { hostId: 11, hypervisorId: 1 },
    ]);
    expect(f.lists).toEqual([1, 1]);
  });
});
