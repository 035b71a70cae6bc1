import { useSyncExternalStore } from 'react';
import type { Host } from '../../../../common/domain/host';
import { call, onEvent } from '../../lib/api';

/**
 * The inventory as the renderer sees it: loaded once, reloaded on `inventory.changed`. Shared by every view
 * that shows hosts (hosts, quick search, and later power and terminals), so 10,000 hosts are fetched once.
 */
export interface HostsState {
  hosts: readonly Host[] | null;
  error: unknown;
}

let state: HostsState = { hosts: null, error: null };
const listeners = new Set<() => void>();
let started = false;
let loading = false;
let again = false;

function set(next: HostsState) {
  state = next;
  for (const l of listeners) l();
}

/** Reloads, coalescing bursts of change events into one request in flight and at most one after it. */
export async function reloadHosts(): Promise<void> {
  if (loading) {
    again = true;
    return;
  }
  loading = true;
  try {
    set({ hosts: await call('inventory.listHosts', {}), error: null });
  } catch (error) {
    set({ ...state, error });
  } finally {
    loading = false;
    if (again) {
      again = false;
      void reloadHosts();
    }
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!started) {
    started = true;
    onEvent('inventory.changed', () => void reloadHosts());
    void reloadHosts();
  }
  return () => listeners.delete(listener);
}

export function useHosts(): HostsState {
  return useSyncExternalStore(subscribe, () => state);
}
