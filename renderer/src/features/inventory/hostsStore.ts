import type { Host } from '../../../../common/domain/host';
import { call, onEvent } from '../../lib/api';
import { createStore, useStore, type Store } from '../../lib/store';

/**
 * The inventory as the renderer sees it: loaded when first watched, reloaded on `inventory.changed`. Shared by
 * every view that shows hosts (inventory, quick search, power), so 10,000 hosts are fetched once.
 */
export interface HostsState {
  hosts: readonly Host[] | null;
  error: unknown;
}

export interface HostsSource {
  list(): Promise<readonly Host[]>;
  onChanged(listener: () => void): () => void;
}

export interface HostsStore extends Store<HostsState> {
  reload(): Promise<void>;
}

export function createHostsStore(source: HostsSource): HostsStore {
  let loading = false;
  let again = false;
  const store = createStore<HostsState>(
    { hosts: null, error: null },
    {
      start: () => {
        source.onChanged(() => void reload());
        void reload();
      },
    },
  );

  /** Reloads, coalescing bursts of change events into one request in flight and at most one after it. */
  async function reload(): Promise<void> {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      store.set({ hosts: await source.list(), error: null });
    } catch (error) {
      store.update({ error });
    } finally {
      loading = false;
      if (again) {
        again = false;
        void reload();
      }
    }
  }

  return { ...store, reload };
}

const hostsStore = createHostsStore({
  list: () => call('inventory.listHosts', {}),
  onChanged: (listener) => onEvent('inventory.changed', listener),
});

export function useHosts(): HostsState {
  return useStore(hostsStore);
}
