import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../platform/db';
import { HistoryStore } from './historyStore';
import { TIERS } from './tiers';

let dir: string;
let db: Db;

function open(): { store: HistoryStore; hostId: number } {
  dir ??= mkdtempSync(join(tmpdir(), 'labvisor-history-'));
  db = openDb(join(dir, 'test.db'));
  const existing = db.prepare('SELECT id FROM hosts').pluck().get() as number | undefined;
  const hostId =
    existing ??
    Number(
      db.prepare("INSERT INTO hosts (name, kind, created_at, updated_at) VALUES ('h', 'physical', 'x', 'x')").run()
        .lastInsertRowid,
    );
  return { store: new HistoryStore(db), hostId };
}

afterEach(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined as unknown as string;
});

/** A multiple of every block length but the 8-day one, so blocks line up with the test's hours. */
const T0 = 1_699_920_000;

describe('metric history', () => {
  it('keeps raw points, and roll-ups with average and maximum, merging unflushed data on read', () => {
    const { store, hostId } = open();
    for (let i = 0; i < 180; i++) store.append(hostId, (T0 + i) * 1000, { 'cpu.percent': i % 60, 'load.1': 1 });
    const raw = store.read(hostId, 'cpu.percent', TIERS[0]!, T0 - 1, T0 + 200);
    expect(raw).toHaveLength(180);
    expect(raw[61]).toEqual({ t: T0 + 61, avg: 1, max: 1 });
    store.flush((T0 + 200) * 1000);
    const minute = store.read(hostId, 'cpu.percent', TIERS[1]!, T0 - 3600, T0 + 200);
    const firstFull = minute.find((p) => p.t >= T0 + 60)!;
    expect(firstFull.max).toBe(59);
    expect(firstFull.avg).toBeCloseTo(29.5);
    // The 15-minute tier sees the same samples, averaged coarser.
    const quarter = store.read(hostId, 'cpu.percent', TIERS[2]!, T0 - 86400, T0 + 200);
    expect(quarter.length).toBeGreaterThan(0);
    expect(Math.max(...quarter.map((p) => p.max))).toBe(59);
  });

  it('reloads open blocks after a restart instead of overwriting them', () => {
    let { store, hostId } = open();
    for (let i = 0; i < 30; i++) store.append(hostId, (T0 + i) * 1000, { x: 1 });
    store.flush((T0 + 30) * 1000);
    db.close();
    ({ store, hostId } = open());
    for (let i = 30; i < 60; i++) store.append(hostId, (T0 + i) * 1000, { x: 2 });
    store.flush((T0 + 60) * 1000);
    const raw = store.read(hostId, 'x', TIERS[0]!, T0 - 1, T0 + 60);
    expect(raw.map((p) => p.avg)).toEqual([...Array(30).fill(1), ...Array(30).fill(2)]);
  });

  it('prunes each tier past its retention and stays small: bytes per series per day', () => {
    const { store, hostId } = open();
    // One day at a 30 s background interval, then an hour at 1 s.
    for (let t = T0; t < T0 + 86400; t += 30) store.append(hostId, t * 1000, { y: Math.sin(t) });
    for (let t = T0 + 86400; t < T0 + 90000; t++) store.append(hostId, t * 1000, { y: Math.sin(t) });
    store.flush((T0 + 90000) * 1000);
    const bytes = db.prepare('SELECT sum(length(data)) FROM metric_blocks').pluck().get() as number;
    // Raw points of the first day are still there until pruned; after it only the last hour of raw remains.
    store.prune((T0 + 90000) * 1000);
    const after = db.prepare('SELECT sum(length(data)) FROM metric_blocks').pluck().get() as number;
    expect(after).toBeLessThan(bytes);
    const rawLeft = db.prepare('SELECT min(start) FROM metric_blocks WHERE tier = 0').pluck().get() as number;
    expect(rawLeft).toBeGreaterThanOrEqual(T0 + 90000 - 3600 - 240);
    // Roll-ups: 1440 + 96 + 12 slots x (avg, max) x 4 bytes per day, plus an hour of raw at 1 s (8 bytes a point).
    expect(after).toBeLessThan(2 * (3600 * 8 + 1500 * 8 + 100 * 8 + 20 * 8));
    // Everything ages out in the end, and the series row goes with it.
    store.prune((T0 + 400 * 86400) * 1000);
    expect(store.counts()).toEqual({ series: 0, blocks: 0 });
  });
});
