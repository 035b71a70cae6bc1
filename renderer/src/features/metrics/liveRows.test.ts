import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLiveRows } from './liveRows';

function fakeSource(parents: Record<number, number> = {}) {
  const watches: { hostIds: number[]; watchId: string | undefined }[] = [];
  const unwatched: string[] = [];
  const rows = createLiveRows({
    watch: async (hostIds, watchId) => {
      watches.push({ hostIds, watchId });
      return { watchId: watchId ?? 'w1' };
    },
    unwatch: (id) => void unwatched.push(id),
    parentOf: (id) => parents[id] ?? null,
  });
  return { rows, watches, unwatched };
}

describe('live rows', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('watches every visible row (and the hypervisors of visible VMs) with one request per change', async () => {
    const { rows, watches } = fakeSource({ 11: 1, 12: 1 });
    const hides = [1, 11, 12, 13].map((id) => rows.show(id));
    // A second row of the same host (tree and table) changes nothing.
    const again = rows.show(11);
    await vi.advanceTimersByTimeAsync(400);
    expect(watches).toEqual([{ hostIds: [1, 11, 12, 13], watchId: undefined }]);
    again();
    hides[3]!();
    await vi.advanceTimersByTimeAsync(400);
    expect(watches.at(-1)).toEqual({ hostIds: [1, 11, 12], watchId: 'w1' });
    expect(watches).toHaveLength(2);
  });

  it('renews its one lease while rows show, and lets it go when none does', async () => {
    const { rows, watches, unwatched } = fakeSource();
    const hide = rows.show(5);
    await vi.advanceTimersByTimeAsync(400);
    await vi.advanceTimersByTimeAsync(31_000);
    expect(watches.length).toBe(3);
    expect(new Set(watches.slice(1).map((w) => w.watchId))).toEqual(new Set(['w1']));
    hide();
    await vi.advanceTimersByTimeAsync(400);
    expect(unwatched).toEqual(['w1']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(watches.length).toBe(3);
  });

  it('scrolling past rows quickly sends only the set that stays', async () => {
    const { rows, watches } = fakeSource();
    for (let id = 1; id <= 100; id++) rows.show(id)();
    const hide = rows.show(200);
    await vi.advanceTimersByTimeAsync(400);
    expect(watches).toEqual([{ hostIds: [200], watchId: undefined }]);
    hide();
  });

  it('a filter swapping every row of a full table works out the set once, not once per row', async () => {
    let asked = 0;
    const watches: number[][] = [];
    const rows = createLiveRows({
      watch: async (hostIds, watchId) => (watches.push(hostIds), { watchId: watchId ?? 'w1' }),
      unwatch: () => undefined,
      parentOf: () => (asked++, null),
    });
    const hides = Array.from({ length: 50 }, (_, i) => rows.show(i + 1));
    await vi.advanceTimersByTimeAsync(400);
    expect(asked).toBe(50);
    for (const hide of hides) hide();
    for (let id = 101; id <= 150; id++) rows.show(id);
    expect(asked).toBe(50);
    await vi.advanceTimersByTimeAsync(400);
    expect(asked).toBe(100);
    expect(watches.at(-1)).toEqual(Array.from({ length: 50 }, (_, i) => i + 101));
    // Rows still moving keep the request back until they settle.
    rows.show(7);
    await vi.advanceTimersByTimeAsync(200);
    rows.show(8);
    await vi.advanceTimersByTimeAsync(200);
    expect(watches).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(200);
    expect(watches).toHaveLength(3);
  });

  it('after a reconnect asks again at once and keeps the new lease the server gave', async () => {
    const watches: (string | undefined)[] = [];
    const unwatched: string[] = [];
    let serverKnows = new Set<string>();
    let next = 1;
    const rows = createLiveRows({
      watch: async (_hostIds, watchId) => {
        watches.push(watchId);
        const id = watchId && serverKnows.has(watchId) ? watchId : `w${next++}`;
        serverKnows.add(id);
        return { watchId: id };
      },
      unwatch: (id) => void unwatched.push(id),
      parentOf: () => null,
    });
    const hide = rows.show(7);
    await vi.advanceTimersByTimeAsync(400);
    // The socket dropped: the server forgot every lease of this client.
    serverKnows = new Set();
    rows.renewNow();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(watches).toEqual([undefined, 'w1', 'w2']);
    hide();
    await vi.advanceTimersByTimeAsync(400);
    expect(unwatched).toEqual(['w2']);
  });
});
