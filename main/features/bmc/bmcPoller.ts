import { randomUUID } from 'node:crypto';
import type { BmcHealth } from '../../../common/contract/bmc';
import type { Host } from '../../../common/domain/host';
import { pool } from '../../platform/pool';

interface Watch {
  hostIds: number[];
  intervalMs: number;
  expiresAt: number;
}

export interface BmcPollerDeps {
  hosts(ids: number[]): Host[];
  check(host: Host): Promise<BmcHealth>;
  emit(health: BmcHealth): void;
  /** How often due hosts are looked for; BMC requests themselves follow each watch's interval. */
  tickMs?: number;
}

/** BMCs hang under bursts: at most this many are asked at once, and each host at most once per interval. */
const CONCURRENCY = 4;

/**
 * Polls BMC health only while someone watches. A watch is a lease: a client that goes away without
 * unwatching stops costing BMC requests once its lease lapses.
 */
export class BmcPoller {
  private readonly watches = new Map<string, Watch>();
  private readonly lastChecked = new Map<number, number>();
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(private readonly deps: BmcPollerDeps) {}

  static leaseMsFor(intervalMs: number): number {
    return Math.max(3 * intervalMs, 90_000);
  }

  watch(hostIds: number[], intervalSec: number, watchId?: string): { watchId: string; leaseSec: number } {
    const id = watchId && this.watches.has(watchId) ? watchId : randomUUID();
    const intervalMs = intervalSec * 1000;
    const leaseMs = BmcPoller.leaseMsFor(intervalMs);
    this.watches.set(id, { hostIds, intervalMs, expiresAt: Date.now() + leaseMs });
    if (!this.timer) {
      this.timer = setInterval(() => void this.tick(), this.deps.tickMs ?? 1000);
      this.timer.unref();
      void this.tick();
    }
    return { watchId: id, leaseSec: leaseMs / 1000 };
  }

  unwatch(watchId: string): boolean {
    const existed = this.watches.delete(watchId);
    if (this.watches.size === 0) this.stop();
    return existed;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.watches.clear();
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    const now = Date.now();
    for (const [id, w] of this.watches) if (w.expiresAt < now) this.watches.delete(id);
    if (this.watches.size === 0) return this.stop();
    const interval = new Map<number, number>();
    for (const w of this.watches.values())
      for (const id of w.hostIds) interval.set(id, Math.min(interval.get(id) ?? Infinity, w.intervalMs));
    const due = [...interval].filter(([id, ms]) => (this.lastChecked.get(id) ?? 0) + ms <= now).map(([id]) => id);
    if (due.length === 0) return;
    this.busy = true;
    try {
      for (const id of due) this.lastChecked.set(id, now);
      await pool(this.deps.hosts(due), CONCURRENCY, async (host) => this.deps.emit(await this.deps.check(host)));
    } finally {
      this.busy = false;
    }
  }
}
