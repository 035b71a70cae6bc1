import type { Db } from '../../platform/db';
import { slotsOf, TIERS, type Tier } from './tiers';

interface Accumulator {
  slot: number;
  sum: number;
  n: number;
  max: number;
}

interface Block {
  seriesId: number;
  tier: number;
  start: number;
  /**
   * Raw: [offsetMs, value, ...] in the first `used` entries of a Float64Array grown by doubling (off the JS heap:
   * a growing number[] per series was copied by every young-generation GC); roll-up: averages then maxima, NaN
   * where empty (`used` is its length).
   */
  data: Float64Array | Float32Array;
  used: number;
  dirty: boolean;
}

/** What a sample needs of one series, found with one lookup by its key: its id, open raw block, roll-ups. */
interface Series {
  id: number;
  /** Its open raw block (also in `blocks`). */
  raw: Block | undefined;
  /** One accumulator per roll-up tier (indexed by tier id). */
  acc: (Accumulator | undefined)[];
}

const ROLLUPS = TIERS.filter((t) => t.stepSec > 0);

export interface StoredPoint {
  /** Unix seconds. */
  t: number;
  avg: number;
  max: number;
}

/**
 * The history on disk: one row per series, tier and block, each a packed Float32 array. Samples land in memory
 * (the open blocks and one accumulator per roll-up tier) and reach SQLite in one transaction per flush(), off any
 * request; prune() drops what every tier has outlived. Reads merge the open blocks, so nothing waits for a flush.
 */
export class HistoryStore {
  // append() runs for every value of every sample: one lookup by the value's key finds all it touches (building
  // string keys per value and tier, then one map per concern, was most of its cost).
  /** Host id → series key → series. */
  private readonly seriesByKey = new Map<number, Map<string, Series>>();
  /** Series id → series, for flushes and reads. */
  private readonly seriesById = new Map<number, Series>();
  private readonly blocks = new Map<string, Block>();
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      insertSeries: db.prepare('INSERT OR IGNORE INTO metric_series (host_id, key) VALUES (?, ?)'),
      seriesId: db.prepare('SELECT id FROM metric_series WHERE host_id = ? AND key = ?').pluck(),
      seriesOf: db.prepare('SELECT id, key FROM metric_series WHERE host_id = ? ORDER BY key'),
      block: db.prepare('SELECT data FROM metric_blocks WHERE series_id = ? AND tier = ? AND start = ?').pluck(),
      range: db.prepare(
        'SELECT start, data FROM metric_blocks WHERE series_id = ? AND tier = ? AND start > ? AND start <= ? ORDER BY start',
      ),
      upsert: db.prepare('INSERT OR REPLACE INTO metric_blocks (series_id, tier, start, data) VALUES (?, ?, ?, ?)'),
      prune: db.prepare('DELETE FROM metric_blocks WHERE tier = ? AND start < ?'),
      orphans: db.prepare(
        'DELETE FROM metric_series WHERE NOT EXISTS (SELECT 1 FROM metric_blocks b WHERE b.series_id = metric_series.id)',
      ),
      newestRaw: db.prepare('SELECT start, data FROM metric_blocks WHERE tier = 0 ORDER BY start DESC LIMIT 1'),
      counts: db.prepare(
        'SELECT (SELECT count(*) FROM metric_series) AS series, (SELECT count(*) FROM metric_blocks) AS blocks',
      ),
    };
  }

  append(hostId: number, atMs: number, values: Record<string, number>): void {
    const byKey = this.keysOf(hostId);
    const atSec = atMs / 1000;
    const rawStart = Math.floor(atSec / TIERS[0]!.blockSec) * TIERS[0]!.blockSec;
    const rawOffset = atMs - rawStart * 1000;
    for (const key in values) {
      const value = values[key]!;
      if (!Number.isFinite(value)) continue;
      const series = byKey.get(key) ?? this.newSeries(hostId, key, byKey);
      let raw = series.raw;
      if (raw?.start !== rawStart) series.raw = raw = this.block(series.id, TIERS[0]!, rawStart);
      if (raw.used + 2 > raw.data.length) raw.data = grown(raw.data, raw.used);
      raw.data[raw.used++] = rawOffset;
      raw.data[raw.used++] = value;
      raw.dirty = true;
      for (const tier of ROLLUPS) this.accumulate(series, tier, atSec, value);
    }
  }

  /** Seals roll-up slots that have ended (a host that stopped reporting) and writes every changed block. */
  flush(nowMs: number = Date.now()): number {
    const nowSec = nowMs / 1000;
    for (const series of this.seriesById.values())
      for (const tier of ROLLUPS) {
        const acc = series.acc[tier.id];
        if (acc && (acc.slot + 1) * tier.stepSec <= nowSec) {
          this.seal(series.id, tier, acc);
          series.acc[tier.id] = undefined;
        }
      }
    const dirty = [...this.blocks.values()].filter((b) => b.dirty);
    this.db.transaction(() => {
      for (const b of dirty) {
        const packed = b.data instanceof Float32Array ? b.data : Float32Array.from(b.data.subarray(0, b.used));
        this.statements.upsert.run(b.seriesId, b.tier, b.start, Buffer.from(packed.buffer, 0, packed.byteLength));
        b.dirty = false;
      }
    })();
    // Blocks whose time is over stay only on disk.
    for (const [k, b] of this.blocks)
      if (b.start + TIERS[b.tier]!.blockSec <= nowSec) {
        this.blocks.delete(k);
        const series = this.seriesById.get(b.seriesId);
        if (series?.raw === b) series.raw = undefined;
      }
    return dirty.length;
  }

  /** Deletes blocks older than each tier keeps, and series left without any. */
  prune(nowMs: number = Date.now()): number {
    const nowSec = Math.floor(nowMs / 1000);
    let removed = 0;
    this.db.transaction(() => {
      for (const tier of TIERS)
        removed += this.statements.prune.run(tier.id, nowSec - tier.keepSec - tier.blockSec).changes;
      if (removed > 0) this.statements.orphans.run();
    })();
    // Series left without blocks are gone from disk: the next sample of one looks its id up again, and only
    // series with data still in memory are kept (a removed host's are not).
    if (removed > 0) {
      this.seriesByKey.clear();
      for (const [id, series] of this.seriesById)
        if (!series.raw && series.acc.every((a) => a === undefined)) this.seriesById.delete(id);
    }
    return removed;
  }

  counts(): { series: number; blocks: number } {
    return this.statements.counts.get() as { series: number; blocks: number };
  }

  /** Unix ms of the newest raw sample, in memory or on disk; null when there is none. */
  newestSampleAt(): number | null {
    let newest = -Infinity;
    for (const b of this.blocks.values())
      if (b.tier === 0 && b.used >= 2) newest = Math.max(newest, b.start * 1000 + b.data[b.used - 2]!);
    if (newest === -Infinity) {
      const row = this.statements.newestRaw.get() as { start: number; data: Buffer } | undefined;
      const data = row ? unpack(row.data) : null;
      if (row && data && data.length >= 2) newest = row.start * 1000 + data[data.length - 2]!;
    }
    return newest === -Infinity ? null : newest;
  }

  keys(hostId: number): string[] {
    return (this.statements.seriesOf.all(hostId) as { key: string }[]).map((r) => r.key);
  }

  /** Points of one series in (fromSec, toSec] from one tier, oldest first; the open roll-up slot included. */
  read(hostId: number, key: string, tier: Tier, fromSec: number, toSec: number): StoredPoint[] {
    const id = this.existingSeriesId(hostId, key);
    if (id === undefined) return [];
    const rows = new Map<number, Float64Array | Float32Array>();
    for (const row of this.statements.range.all(id, tier.id, fromSec - tier.blockSec, toSec) as {
      start: number;
      data: Buffer;
    }[])
      rows.set(row.start, unpack(row.data));
    for (const b of this.blocks.values())
      if (b.seriesId === id && b.tier === tier.id && b.start > fromSec - tier.blockSec && b.start <= toSec)
        rows.set(b.start, b.data.subarray(0, b.used));
    const points: StoredPoint[] = [];
    for (const start of [...rows.keys()].sort((a, b) => a - b)) {
      const data = rows.get(start)!;
      if (tier.stepSec === 0) {
        for (let i = 0; i + 1 < data.length; i += 2) {
          const t = start + data[i]! / 1000;
          if (t > fromSec && t <= toSec) points.push({ t, avg: data[i + 1]!, max: data[i + 1]! });
        }
      } else {
        const slots = slotsOf(tier);
        for (let i = 0; i < slots; i++) {
          const t = start + i * tier.stepSec;
          if (t > fromSec && t <= toSec && !Number.isNaN(data[i]!))
            points.push({ t, avg: data[i]!, max: data[slots + i]! });
        }
      }
    }
    const acc = tier.stepSec > 0 ? this.seriesById.get(id)?.acc[tier.id] : undefined;
    if (acc && acc.n > 0 && acc.slot * tier.stepSec > (points.at(-1)?.t ?? -Infinity))
      points.push({ t: acc.slot * tier.stepSec, avg: acc.sum / acc.n, max: acc.max });
    return points;
  }

  private accumulate(series: Series, tier: Tier, atSec: number, value: number): void {
    const slot = Math.floor(atSec / tier.stepSec);
    let acc = series.acc[tier.id];
    if (acc && acc.slot !== slot) {
      this.seal(series.id, tier, acc);
      acc = undefined;
    }
    if (!acc) series.acc[tier.id] = acc = { slot, sum: 0, n: 0, max: -Infinity };
    acc.sum += value;
    acc.n++;
    if (value > acc.max) acc.max = value;
  }

  private seal(id: number, tier: Tier, acc: Accumulator): void {
    if (acc.n === 0) return;
    const t = acc.slot * tier.stepSec;
    const start = Math.floor(t / tier.blockSec) * tier.blockSec;
    const block = this.block(id, tier, start);
    const slots = slotsOf(tier);
    const i = (t - start) / tier.stepSec;
    block.data[i] = acc.sum / acc.n;
    block.data[slots + i] = acc.max;
    block.dirty = true;
  }

  /** The open block, loaded from disk if it was written before (a restart) so nothing written is overwritten. */
  private block(id: number, tier: Tier, start: number): Block {
    const k = `${id}:${tier.id}:${start}`;
    let block = this.blocks.get(k);
    if (block) return block;
    const stored = this.statements.block.get(id, tier.id, start) as Buffer | undefined;
    let data: Float64Array | Float32Array;
    let used: number;
    if (tier.stepSec === 0) {
      const points = stored ? unpack(stored) : new Float32Array(0);
      used = points.length - (points.length % 2);
      data = grown(points, used);
    } else {
      data =
        stored && stored.byteLength === slotsOf(tier) * 8
          ? unpack(stored)
          : new Float32Array(slotsOf(tier) * 2).fill(NaN);
      used = data.length;
    }
    block = { seriesId: id, tier: tier.id, start, data, used, dirty: false };
    this.blocks.set(k, block);
    return block;
  }

  private newSeries(hostId: number, key: string, byKey: Map<string, Series>): Series {
    let id = this.statements.seriesId.get(hostId, key) as number | undefined;
    if (id === undefined) {
      this.statements.insertSeries.run(hostId, key);
      id = this.statements.seriesId.get(hostId, key) as number;
    }
    return this.remember(id, key, byKey);
  }

  private remember(id: number, key: string, byKey: Map<string, Series>): Series {
    let series = this.seriesById.get(id);
    if (!series) this.seriesById.set(id, (series = { id, raw: undefined, acc: [] }));
    byKey.set(key, series);
    return series;
  }

  private existingSeriesId(hostId: number, key: string): number | undefined {
    const byKey = this.keysOf(hostId);
    const known = byKey.get(key);
    if (known) return known.id;
    const id = this.statements.seriesId.get(hostId, key) as number | undefined;
    if (id !== undefined) this.remember(id, key, byKey);
    return id;
  }

  private keysOf(hostId: number): Map<string, Series> {
    let byKey = this.seriesByKey.get(hostId);
    if (!byKey) this.seriesByKey.set(hostId, (byKey = new Map()));
    return byKey;
  }
}

function unpack(buf: Buffer): Float32Array {
  // Copy: the Buffer may be a view into a shared pool with an unaligned offset.
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Float32Array(copy.buffer, 0, Math.floor(buf.byteLength / 4));
}

/** A raw block's first `used` entries in a Float64Array with room for more (16 entries to start: 8 points). */
function grown(data: Float64Array | Float32Array, used: number): Float64Array {
  const bigger = new Float64Array(Math.max(16, 2 * used));
  bigger.set(data.subarray(0, used));
  return bigger;
}
