import { describe, expect, it, vi } from 'vitest';
import { Host } from '../../../../common/domain/host';
import { createHostsStore, type HostsSource } from './hostsStore';

const host = (id: number): Host => Host.parse({ id, name: `h${id}`, createdAt: '', updatedAt: '' });

/** A source whose list requests are answered by the test, one at a time, in order. */
function manualSource() {
  const requests: { resolve(hosts: Host[]): void; reject(error: unknown): void }[] = [];
  const changed = new Set<() => void>();
  const source: HostsSource = {
    list: () => new Promise((resolve, reject) => requests.push({ resolve, reject })),
    onChanged: (listener) => {
      changed.add(listener);
      return () => changed.delete(listener);
    },
  };
  const fireChanged = () => changed.forEach((l) => l());
  return { source, requests, fireChanged, changed };
}

describe('hosts store', () => {
  it('fetches nothing and listens to nothing until someone watches it', () => {
    const { source, requests, changed } = manualSource();
    const store = createHostsStore(source);
    expect(store.get()).toEqual({ hosts: null, error: null });
    expect(requests).toHaveLength(0);
    expect(changed.size).toBe(0);
  });

  it('loads on the first subscriber and reloads on inventory changes', async () => {
    const { source, requests, fireChanged } = manualSource();
    const store = createHostsStore(source);
    const seen = vi.fn();
    store.subscribe(seen);
    expect(requests).toHaveLength(1);
    requests[0]!.resolve([host(1)]);
    await vi.waitFor(() => expect(store.get().hosts).toEqual([host(1)]));
    fireChanged();
    expect(requests).toHaveLength(2);
    requests[1]!.resolve([host(1), host(2)]);
    await vi.waitFor(() => expect(store.get().hosts).toHaveLength(2));
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('coalesces a burst of changes into one request in flight and one after it', async () => {
    const { source, requests, fireChanged } = manualSource();
    const store = createHostsStore(source);
    store.subscribe(() => {});
    fireChanged();
    fireChanged();
    fireChanged();
    expect(requests).toHaveLength(1);
    requests[0]!.resolve([host(1)]);
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    requests[1]!.resolve([host(2)]);
    await vi.waitFor(() => expect(store.get().hosts).toEqual([host(2)]));
    expect(requests).toHaveLength(2);
  });

  it('keeps the hosts it has when a reload fails, and reports the error', async () => {
    const { source, requests, fireChanged } = manualSource();
    const store = createHostsStore(source);
    store.subscribe(() => {});
    requests[0]!.resolve([host(1)]);
    await vi.waitFor(() => expect(store.get().hosts).toHaveLength(1));
    fireChanged();
    const failure = new Error('service down');
    requests[1]!.reject(failure);
    await vi.waitFor(() => expect(store.get().error).toBe(failure));
    expect(store.get().hosts).toEqual([host(1)]);
  });
});
