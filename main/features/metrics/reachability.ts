import { connect } from 'node:net';
import type { Reachability, ReachState } from '../../../common/contract/metrics';

export interface ProbeTarget {
  hostId: number;
  address: string;
  port: number;
}

/** Connects and waits for the SSH banner (`SSH-2.0-...`): a listening sshd, not just an open port. */
function probeSsh(target: ProbeTarget, timeoutMs: number): Promise<{ ok: boolean; message: string }> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.address, port: target.port });
    let buffered = '';
    const done = (ok: boolean, message: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ ok, message });
    };
    const timer = setTimeout(() => done(false, `no SSH banner within ${timeoutMs} ms`), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      buffered += d;
      if (buffered.startsWith('SSH-')) done(true, '');
      else if (buffered.includes('\n') || buffered.length > 255) done(false, 'the port answers, but not as SSH');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(false, e.code ?? e.message));
    socket.on('close', () => done(false, 'connection closed before the SSH banner'));
  });
}

/** Probe intervals while up, and the backoff while down (a dead host is not hammered, a recovery is seen soon). */
const UP_INTERVAL_MS = 30_000;
const DOWN_BACKOFF_MS = [2_000, 5_000, 10_000, 20_000, 30_000, 60_000];

export interface ReachabilityOptions {
  timeoutMs?: number;
  upIntervalMs?: number;
  downBackoffMs?: number[];
  onChange(r: Reachability): void;
}

interface Entry {
  target: ProbeTarget;
  state: Reachability;
  failures: number;
  timer: NodeJS.Timeout | null;
}

/**
 * up / down / unknown with "since" for every host: a TCP+banner probe for hosts Labvisor reaches directly; hosts
 * behind a jump host are judged by their sampler instead (report()).
 */
export class ReachabilityTracker {
  private readonly entries = new Map<number, Entry>();

  constructor(private readonly opts: ReachabilityOptions) {}

  get(hostId: number): Reachability {
    return this.entries.get(hostId)?.state ?? { hostId, state: 'unknown', since: null, message: 'not probed' };
  }

  all(): Reachability[] {
    return [...this.entries.values()].map((e) => e.state);
  }

  /** Starts, retargets or (with null) stops probing a host. */
  track(hostId: number, target: ProbeTarget | null): void {
    const entry = this.entries.get(hostId);
    if (entry?.timer && target && entry.target.address === target.address && entry.target.port === target.port) return;
    if (entry?.timer) clearTimeout(entry.timer);
    if (!target) {
      if (entry) Object.assign(entry, { timer: null, target: { hostId, address: '', port: 0 } });
      return;
    }
    const next: Entry = {
      target,
      state: entry?.state ?? { hostId, state: 'unknown', since: null, message: 'not probed yet' },
      failures: 0,
      timer: null,
    };
    this.entries.set(hostId, next);
    this.schedule(next, 0);
  }

  /** Evidence from elsewhere (the sampler streaming, or failing to connect). */
  report(hostId: number, state: ReachState, message: string): void {
    const entry = this.entries.get(hostId) ?? {
      target: { hostId, address: '', port: 0 },
      state: { hostId, state: 'unknown' as ReachState, since: null, message: '' },
      failures: 0,
      timer: null,
    };
    this.entries.set(hostId, entry);
    this.set(entry, state, message);
  }

  /** Sampler evidence of an outage counts only where no probe of our own judges the host. */
  reportIfIndirect(hostId: number, state: ReachState, message: string): void {
    const entry = this.entries.get(hostId);
    if (!entry || entry.target.port === 0) this.report(hostId, state, message);
  }

  /** Probes a directly reachable host now (its sampler just lost the connection), not at the next interval. */
  probeSoon(hostId: number): void {
    const entry = this.entries.get(hostId);
    if (!entry || entry.target.port === 0 || !entry.timer || entry.state.state === 'down') return;
    clearTimeout(entry.timer);
    this.schedule(entry, 0);
  }

  forget(hostId: number): void {
    const entry = this.entries.get(hostId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.entries.delete(hostId);
  }

  stop(): void {
    for (const e of this.entries.values()) if (e.timer) clearTimeout(e.timer);
    this.entries.clear();
  }

  private schedule(entry: Entry, delayMs: number): void {
    entry.timer = setTimeout(() => void this.probe(entry), delayMs);
    entry.timer.unref();
  }

  private async probe(entry: Entry): Promise<void> {
    const result = await probeSsh(entry.target, this.opts.timeoutMs ?? 5_000);
    if (this.entries.get(entry.target.hostId) !== entry) return;
    if (result.ok) entry.failures = 0;
    else entry.failures++;
    this.set(entry, result.ok ? 'up' : 'down', result.message);
    const backoff = this.opts.downBackoffMs ?? DOWN_BACKOFF_MS;
    this.schedule(
      entry,
      result.ok
        ? (this.opts.upIntervalMs ?? UP_INTERVAL_MS)
        : backoff[Math.min(entry.failures - 1, backoff.length - 1)]!,
    );
  }

  private set(entry: Entry, state: ReachState, message: string): void {
    const old = entry.state;
    if (old.state === state && old.message === message) return;
    entry.state = {
      hostId: old.hostId,
      state,
      since: old.state === state && old.since ? old.since : new Date().toISOString(),
      message,
    };
    this.opts.onChange(entry.state);
  }
}
