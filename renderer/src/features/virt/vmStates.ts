import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { EventPayload } from '../../../../common/contract';
import type { Host } from '../../../../common/domain/host';
import type { DomainState } from '../../../../common/domain/virt';
import { call, onEvent } from '../../lib/api';
import { isVm } from './virtLogic';

/** A VM's state as libvirt last told it, with libvirt's reason (`destroyed`, `booted`, …) or why it is unknown. */
export interface VmLiveState {
  state: DomainState;
  reason: string | null;
}

type DomainEvent = EventPayload<'virt.domainEvent'>;

/** What the store asks of the services: one list per hypervisor, its event stream, and a lease to keep it open. */
export interface VmStatesSource {
  list(
    hypervisorId: number,
  ): Promise<{ name: string; hostId: number | null; state: DomainState; reason: string | null }[]>;
  watch(hypervisorId: number, watchId: string | undefined): Promise<{ watchId: string; leaseSec: number }>;
  unwatch(watchId: string): void;
  onDomainEvent(listener: (e: DomainEvent) => void): () => void;
}

/** A VM to follow: its inventory host and the hypervisor its domain runs on. */
export interface TrackedVm {
  hostId: number;
  hypervisorId: number;
}

const LIFECYCLE: Record<string, DomainState> = {
  Started: 'running',
  Resumed: 'running',
  Suspended: 'paused',
  PMSuspended: 'pmsuspended',
  Shutdown: 'in shutdown',
  Stopped: 'shut off',
  Crashed: 'crashed',
};

/**
 * The state a `virsh event` line puts a domain in (`lifecycle` / `Stopped Destroyed` → shut off, reason
 * `destroyed`); null when the event says nothing about the state (reboot, device, metadata events) or when only
 * a fresh read can tell (`Defined`, `Undefined`).
 */
export function stateFromEvent(event: string, detail: string): VmLiveState | null {
  if (event !== 'lifecycle') return null;
  const [kind = '', ...rest] = detail.trim().split(/\s+/);
  const state = LIFECYCLE[kind];
  if (!state) return null;
  const reason = rest.join(' ').toLowerCase();
  return { state, reason: reason || null };
}

/** Lifecycle events that change what a hypervisor has (a domain defined or removed): the list is read again. */
const needsReread = (e: DomainEvent) => e.event === 'lifecycle' && /^(Defined|Undefined)\b/.test(e.detail.trim());

interface Followed {
  /** Domain name → inventory host (null: a domain nobody imported). */
  hostByDomain: Map<string, number | null>;
  watchId: string | undefined;
  renew: ReturnType<typeof setTimeout> | undefined;
  reread: ReturnType<typeof setTimeout> | undefined;
  sweep: ReturnType<typeof setInterval>;
  live: boolean;
}

/** A dropped event stream reconnects on the service side, but events in the gap are lost: read again now and then. */
const REREAD_EVERY_MS = 5 * 60_000;
const REREAD_DEBOUNCE_MS = 1000;

/**
 * Every tracked VM's live state for the inventory: one `virt.list` per hypervisor when it is first tracked, then
 * its domain events (one `virt.watch` lease per hypervisor, whatever the number of rows showing it). A row reads
 * its own VM (`get`), so an event re-renders only the rows whose value changed.
 */
export function createVmStates(source: VmStatesSource) {
  let states = new Map<number, VmLiveState>();
  const listeners = new Set<() => void>();
  const followed = new Map<number, Followed>();
  let stopEvents: (() => void) | null = null;

  const publish = (changes: [number, VmLiveState][]) => {
    if (changes.length === 0) return;
    states = new Map(states);
    for (const [id, s] of changes) states.set(id, s);
    for (const l of [...listeners]) l();
  };

  async function read(hypervisorId: number, vmIds: readonly number[]): Promise<void> {
    const f = followed.get(hypervisorId);
    if (!f) return;
    try {
      const domains = await source.list(hypervisorId);
      if (!f.live) return;
      f.hostByDomain = new Map(domains.map((d) => [d.name, d.hostId]));
      const seen = new Set(domains.map((d) => d.hostId));
      publish([
        ...domains
          .filter((d): d is typeof d & { hostId: number } => d.hostId !== null)
          .map((d): [number, VmLiveState] => [d.hostId, { state: d.state, reason: d.reason }]),
        // A VM of the inventory the hypervisor no longer has.
        ...vmIds
          .filter((id) => !seen.has(id))
          .map((id): [number, VmLiveState] => [id, { state: 'unknown', reason: 'not on its hypervisor' }]),
      ]);
    } catch (error) {
      if (!f.live) return;
      const reason = error instanceof Error ? error.message : String(error);
      publish(vmIds.map((id) => [id, { state: 'unknown', reason }]));
    }
  }

  function onDomainEvent(e: DomainEvent): void {
    const f = followed.get(e.hypervisorId);
    if (!f) return;
    const next = stateFromEvent(e.event, e.detail);
    const hostId = f.hostByDomain.get(e.domain);
    if (needsReread(e) || (next && hostId === undefined)) {
      clearTimeout(f.reread);
      f.reread = setTimeout(() => void read(e.hypervisorId, vmsOf(e.hypervisorId)), REREAD_DEBOUNCE_MS);
      return;
    }
    if (next && hostId !== undefined && hostId !== null) publish([[hostId, next]]);
  }

  let tracked: readonly TrackedVm[] = [];
  const vmsOf = (hypervisorId: number) => tracked.filter((v) => v.hypervisorId === hypervisorId).map((v) => v.hostId);

  function follow(hypervisorId: number): void {
    const f: Followed = {
      hostByDomain: new Map(),
      watchId: undefined,
      renew: undefined,
      reread: undefined,
      sweep: setInterval(() => void read(hypervisorId, vmsOf(hypervisorId)), REREAD_EVERY_MS),
      live: true,
    };
    followed.set(hypervisorId, f);
    const watch = () =>
      source.watch(hypervisorId, f.watchId).then(
        (w) => {
          if (!f.live) return source.unwatch(w.watchId);
          f.watchId = w.watchId;
          f.renew = setTimeout(watch, (w.leaseSec * 1000) / 2);
        },
        () => {
          if (f.live) f.renew = setTimeout(watch, 10_000);
        },
      );
    // Events first, so none between the read and the watch is lost.
    void watch().then(() => read(hypervisorId, vmsOf(hypervisorId)));
  }

  function unfollow(hypervisorId: number): void {
    const f = followed.get(hypervisorId);
    if (!f) return;
    f.live = false;
    clearTimeout(f.renew);
    clearTimeout(f.reread);
    clearInterval(f.sweep);
    if (f.watchId) source.unwatch(f.watchId);
    followed.delete(hypervisorId);
  }

  return {
    get: (hostId: number): VmLiveState | undefined => states.get(hostId),
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Follows exactly these VMs' hypervisors (call again when the inventory changes; `[]` stops everything). */
    track(vms: readonly TrackedVm[]): void {
      const before = new Set(tracked.map((v) => v.hostId));
      tracked = vms;
      const wanted = new Set(vms.map((v) => v.hypervisorId));
      for (const id of [...followed.keys()]) if (!wanted.has(id)) unfollow(id);
      if (wanted.size > 0) stopEvents ??= source.onDomainEvent(onDomainEvent);
      else if (stopEvents) {
        stopEvents();
        stopEvents = null;
      }
      for (const id of wanted) {
        if (!followed.has(id)) follow(id);
        // A VM added under a hypervisor already followed (a discovery just wrote it): read that hypervisor again.
        else if (vms.some((v) => v.hypervisorId === id && !before.has(v.hostId))) void read(id, vmsOf(id));
      }
    },
  };
}

type VmStates = ReturnType<typeof createVmStates>;

const vmStates: VmStates = createVmStates({
  list: async (hypervisorId) => (await call('virt.list', { host: hypervisorId })).domains,
  watch: (hypervisorId, watchId) => call('virt.watch', { host: hypervisorId, ...(watchId ? { watchId } : {}) }),
  unwatch: (watchId) => void call('virt.unwatch', { watchId }).catch(() => {}),
  onDomainEvent: (listener) => onEvent('virt.domainEvent', listener),
});

/** The VMs among `hosts`, each with its hypervisor. */
function trackedVms(hosts: readonly Host[]): TrackedVm[] {
  return hosts.filter(isVm).map((h) => ({ hostId: h.id, hypervisorId: h.parentId! }));
}

/** Follows the live state of every VM among `hosts` while mounted (the inventory page). */
export function useTrackVmStates(hosts: readonly Host[]): void {
  const key = useMemo(
    () =>
      trackedVms(hosts)
        .map((v) => `${v.hostId}:${v.hypervisorId}`)
        .join(','),
    [hosts],
  );
  useEffect(() => {
    vmStates.track(
      key
        ? key.split(',').map((pair) => {
            const [hostId, hypervisorId] = pair.split(':').map(Number);
            return { hostId: hostId!, hypervisorId: hypervisorId! };
          })
        : [],
    );
  }, [key]);
  useEffect(() => () => vmStates.track([]), []);
}

export function useVmState(hostId: number): VmLiveState | undefined {
  return useSyncExternalStore(vmStates.subscribe, () => vmStates.get(hostId));
}

/** The current states of several VMs (for menus acting on a selection), read once. */
export function vmStatesOf(hostIds: readonly number[]): Map<number, VmLiveState> {
  const out = new Map<number, VmLiveState>();
  for (const id of hostIds) {
    const s = vmStates.get(id);
    if (s) out.set(id, s);
  }
  return out;
}
