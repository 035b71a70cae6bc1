import { describe, expect, it, vi } from 'vitest';
import type { HostCursor, HostPage } from '../../../../common/contract/inventory';
import { Host } from '../../../../common/domain/host';
import { createHostsStore, type HostsSource } from './hostsStore';

const host = (id: number, notes = ''): Host => Host.parse({ id, name: `h${id}`, notes, createdAt: '', updatedAt: '' });
const cursor = (h: Host): HostCursor => ({ layer: h.layer, name: h.name });

/** A source whose requests are answered by the test, one at a time, in order. */
function manualSource() {
  const pages: { after: HostCursor | null; limit: number; resolve(p: HostPage): void; reject(e: unknown): void }[] = [];
  const gets: { ids: readonly number[]; resolve(hosts: Host[]): void; reject(e: unknown): void }[] = [];
  const changed = new Set<(ids: readonly number[] | undefined) => void>();
  const source: HostsSource = {
    page: (after, limit) => new Promise((resolve, reject) => pages.push({ after, limit, resolve, reject })),
    get: (ids) => new Promise((resolve, reject) => gets.push({ ids, resolve, reject })),
    painted: () => Promise.resolve(),
    onChanged: (listener) => {
      changed.add(listener);
      return () => changed.delete(listener);
    },
  };
  const fireChanged = (ids?: number[]) => changed.forEach((l) => l(ids));
  /** Answers page request `i` with `hosts`, pointing at the next page unless `last`. */
  const answerPage = (i: number, hosts: Host[], total: number, last: boolean) =>
    pages[i]!.resolve({ hosts, total, next: last ? null : cursor(hosts.at(-1)!) });
  return { source, pages, gets, fireChanged, changed, answerPage };
}

async function loaded(hosts: Host[]) {
  const lab = manualSource();
  const store = createHostsStore(lab.source);
  store.subscribe(() => {});
  lab.answerPage(0, hosts, hosts.length, true);
  await vi.waitFor(() => expect(store.get().hosts).toEqual(hosts));
  return { ...lab, store };
}

describe('hosts store', () => {
  it('fetches nothing and listens to nothing until someone watches it', () => {
    const { source, pages, changed } = manualSource();
    const store = createHostsStore(source);
    expect(store.get()).toEqual({ hosts: null, loading: null, error: null });
    expect(pages).toHaveLength(0);
    expect(changed.size).toBe(0);
  });

  it('shows the first small page at once and the rest as it streams in, page after page', async () => {
    const { source, pages, answerPage } = manualSource();
    const store = createHostsStore(source);
    store.subscribe(() => {});
    expect(pages).toHaveLength(1);
    expect(pages[0]).toMatchObject({ after: null, limit: 200 });
    answerPage(0, [host(1), host(2)], 5, false);
    await vi.waitFor(() => expect(store.get().hosts).toEqual([host(1), host(2)]));
    expect(store.get().loading).toEqual({ loaded: 2, total: 5 });
    expect(pages[1]).toMatchObject({ after: { layer: 0, name: 'h2' }, limit: 500 });
    answerPage(1, [host(3), host(4), host(5)], 5, true);
    await vi.waitFor(() => expect(store.get().hosts).toHaveLength(5));
    expect(store.get().loading).toBeNull();
  });

  it('while streaming, shows the hosts so far only every 2,000 more (each showing costs the view O(n))', async () => {
    const { source, pages, answerPage } = manualSource();
    const store = createHostsStore(source);
    store.subscribe(() => {});
    const many = (from: number, count: number) => Array.from({ length: count }, (_, i) => host(from + i));
    answerPage(0, many(1, 200), 3000, false);
    await vi.waitFor(() => expect(pages).toHaveLength(2));
    answerPage(1, many(201, 500), 3000, false);
    await vi.waitFor(() => expect(pages).toHaveLength(3));
    expect(store.get().loading).toEqual({ loaded: 200, total: 3000 });
    for (let i = 2; i < 5; i++) {
      answerPage(i, many(201 + (i - 1) * 500, 500), 3000, false);
      await vi.waitFor(() => expect(pages).toHaveLength(i + 1));
    }
    expect(store.get().loading).toEqual({ loaded: 2200, total: 3000 });
    answerPage(5, many(2201, 800), 3000, true);
    await vi.waitFor(() => expect(store.get().hosts).toHaveLength(3000));
    expect(store.get().loading).toBeNull();
  });

  it('fetches only the hosts a change names: updated in place, added at the end, removed when gone', async () => {
    const { store, gets, pages, fireChanged } = await loaded([host(1), host(2), host(3)]);
    fireChanged([2, 3, 4]);
    expect(gets[0]!.ids).toEqual([2, 3, 4]);
    gets[0]!.resolve([host(2, 'edited'), host(4)]);
    await vi.waitFor(() => expect(store.get().hosts).toEqual([host(1), host(2, 'edited'), host(4)]));
    expect(pages).toHaveLength(1);
  });

  it('coalesces a burst of changes into one request in flight and one after it', async () => {
    const { store, gets, fireChanged } = await loaded([host(1), host(2), host(3)]);
    fireChanged([1]);
    fireChanged([2]);
    fireChanged([3]);
    expect(gets).toHaveLength(1);
    gets[0]!.resolve([host(1, 'a')]);
    await vi.waitFor(() => expect(gets).toHaveLength(2));
    expect(gets[1]!.ids).toEqual([2, 3]);
    gets[1]!.resolve([host(2, 'b'), host(3, 'c')]);
    await vi.waitFor(() => expect(store.get().hosts).toEqual([host(1, 'a'), host(2, 'b'), host(3, 'c')]));
  });

  it('applies a change made while pages are loading after the load, so no older page overwrites it', async () => {
    const { source, pages, gets, fireChanged, answerPage } = manualSource();
    const store = createHostsStore(source);
    store.subscribe(() => {});
    answerPage(0, [host(1)], 2, false);
    await vi.waitFor(() => expect(pages).toHaveLength(2));
    fireChanged([1]);
    expect(gets).toHaveLength(0);
    answerPage(1, [host(2)], 2, true);
    await vi.waitFor(() => expect(gets).toHaveLength(1));
    gets[0]!.resolve([host(1, 'new')]);
    await vi.waitFor(() => expect(store.get().hosts).toEqual([host(1, 'new'), host(2)]));
  });

  it('reloads everything on a change without ids, keeping the old list on screen until the new one is whole', async () => {
    const { store, pages, fireChanged, answerPage } = await loaded([host(1)]);
    fireChanged();
    expect(pages).toHaveLength(2);
    answerPage(1, [host(1), host(2)], 3, false);
    await vi.waitFor(() => expect(pages).toHaveLength(3));
    expect(store.get().hosts).toEqual([host(1)]);
    answerPage(2, [host(3)], 3, true);
    await vi.waitFor(() => expect(store.get().hosts).toEqual([host(1), host(2), host(3)]));
  });

  it('keeps the hosts it has when an update fails, and reports the error', async () => {
    const { store, gets, fireChanged } = await loaded([host(1)]);
    fireChanged([1]);
    const failure = new Error('service down');
    gets[0]!.reject(failure);
    await vi.waitFor(() => expect(store.get().error).toBe(failure));
    expect(store.get().hosts).toEqual([host(1)]);
  });
});
