import type { HostCursor, HostPage } from '../../../../common/contract/inventory';
import type { Host } from '../../../../common/domain/host';
import { call, onEvent } from '../../lib/api';
import { createStore, useStore, type Store } from '../../lib/store';

/**
 * The inventory as the renderer sees it, shared by every view that shows hosts (inventory, quick search, power)
 * so 10,000 hosts are fetched once. Loaded when first watched, a page at a time: the first page paints while
 * the rest streams in. Afterwards an `inventory.changed` naming hosts fetches only those; one without names
 * (an import) reloads everything, and the old list stays on screen until the new one is complete.
 */
export interface HostsState {
  hosts: readonly Host[] | null;
  /** While the first load streams in: how many hosts are here out of how many; null once all are. */
  loading: { loaded: number; total: number } | null;
  error: unknown;
}

export interface HostsSource {
  page(after: HostCursor | null, limit: number): Promise<HostPage>;
  /** The hosts among `ids` that still exist. */
  get(ids: readonly number[]): Promise<readonly Host[]>;
  onChanged(listener: (ids: readonly number[] | undefined) => void): () => void;
  /** Resolves once the page has painted what it was given (between the first page and the next). */
  painted(): Promise<void>;
}

export interface HostsStore extends Store<HostsState> {
  reload(): Promise<void>;
}

/**
 * A screenful and then some, so the first paint waits for little. Later pages are larger (fewer round trips) but
 * not much: the server builds a page in one go on its event loop (2,000 hosts took 50–80 ms), so a reload, a
 * second window or any other call waits behind at most one modest page while 10,000 hosts stream in.
 */
const FIRST_PAGE = 200;
const PAGE = 500;
/** While the first load streams in, the view is given the hosts so far after this many more (each showing is O(n)). */
const SHOW_EVERY = 2000;

export function createHostsStore(source: HostsSource): HostsStore {
  // One piece of work at a time, so a change applied while pages are still loading cannot be overwritten by
  // an older page: pending changes run after the load, against the hosts as they are then.
  let fullReload = false;
  const changedIds = new Set<number>();
  let draining: Promise<void> | null = null;

  const store = createStore<HostsState>(
    { hosts: null, loading: null, error: null },
    {
      start: () => {
        source.onChanged((ids) => {
          if (ids) for (const id of ids) changedIds.add(id);
          else fullReload = true;
          void drain();
        });
        void reload();
      },
    },
  );

  function drain(): Promise<void> {
    draining ??= (async () => {
      try {
        while (fullReload || changedIds.size) {
          try {
            if (fullReload) {
              fullReload = false;
              changedIds.clear();
              await loadAll();
            } else {
              const ids = [...changedIds];
              changedIds.clear();
              await patch(ids);
            }
          } catch (error) {
            store.update({ error, loading: null });
          }
        }
      } finally {
        draining = null;
      }
    })();
    return draining;
  }

  async function loadAll(): Promise<void> {
    const first = store.get().hosts === null;
    const hosts: Host[] = [];
    let after: HostCursor | null = null;
    let shown = 0;
    do {
      const page: HostPage = await source.page(after, hosts.length ? PAGE : FIRST_PAGE);
      hosts.push(...page.hosts);
      after = page.next;
      // A first load shows the first page at once and then every few pages (indexing, sorting and grouping
      // the hosts so far costs the view O(n) each time); a reload keeps the old list until the new one is whole.
      if (first && after && (shown === 0 || hosts.length - shown >= SHOW_EVERY)) {
        shown = hosts.length;
        store.set({ hosts: [...hosts], loading: { loaded: hosts.length, total: page.total }, error: null });
        // Ask for more only once this is on screen: parsing the next page must not delay the first paint.
        if (hosts.length === page.hosts.length) await source.painted();
      }
    } while (after);
    store.set({ hosts, loading: null, error: null });
  }

  async function patch(ids: readonly number[]): Promise<void> {
    const fresh = new Map((await source.get(ids)).map((h) => [h.id, h]));
    const asked = new Set(ids);
    const current = store.get().hosts ?? [];
    const kept = current.filter((h) => !asked.has(h.id) || fresh.has(h.id)).map((h) => fresh.get(h.id) ?? h);
    const known = new Set(current.map((h) => h.id));
    const added = [...fresh.values()].filter((h) => !known.has(h.id));
    store.update({ hosts: [...kept, ...added], error: null });
  }

  function reload(): Promise<void> {
    fullReload = true;
    return drain();
  }

  return { ...store, reload };
}

const hostsStore = createHostsStore({
  page: (after, limit) => call('inventory.pageHosts', { after, limit }),
  get: (ids) => call('inventory.getHosts', { ids: [...ids] }),
  onChanged: (listener) => onEvent('inventory.changed', (e) => listener(e.ids)),
  // The frame after the next one has started: the one in between painted the store's update.
  painted: () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
});

/**
 * Starts the first page's request before React's first render: the WebSocket handshake and the query run while
 * the shell renders, instead of after it (the store would otherwise start with its first watcher's effect).
 */
export function startLoadingHosts(): void {
  hostsStore.subscribe(() => undefined);
}

export function useHosts(): HostsState {
  return useStore(hostsStore);
}
