import type { CollectorState } from '../../../common/contract/metrics';
import { AppError } from '../../../common/result';
import type { ByteStream } from '../../platform/byteStreams';
import { domainValues, parseDomstats, type DomainStats } from './domstats';
import { parseHostCounters, type HostCounters } from './hostCounters';
import { hostValues } from './hostValues';
import { samplerScript } from './samplerScript';
import { SnapshotStream, type Sections } from './snapshotStream';

export interface SampleOut {
  hostId: number;
  /** Unix ms when the snapshot arrived. */
  at: number;
  values: Record<string, number>;
  /** Per libvirt domain name, on hypervisors. */
  domains: Map<string, Record<string, number>>;
}

export interface SamplerDeps {
  /** Opens a long-lived command on the host's pooled SSH connection. */
  openStream(hostId: number, command: string): Promise<ByteStream>;
  onSample(sample: SampleOut): void;
  onState(state: CollectorState): void;
  now?(): number;
}

export interface SamplerConfig {
  intervalSec: number;
  domstats: { uri: string | null } | null;
}

/** Waits before reopening a dropped sampler; the first retry is quick so a short outage leaves a short gap. */
const RETRY_MS = [1_000, 2_000, 3_000, 5_000, 10_000, 30_000, 60_000];
/** A login that needs a person (unknown host key, missing password) is not retried in a tight loop. */
const NEEDS_PERSON_RETRY_MS = 5 * 60_000;
const NEEDS_PERSON = new Set(['host_key_unknown', 'host_key_mismatch', 'auth_failed']);

/**
 * One long-lived sampler per host: the shell loop of samplerScript() on the pooled SSH connection, its output
 * parsed incrementally into samples. When the stream ends (host down, sshd restarted, connection lost) it reopens
 * by itself with backoff; rates never span the outage, so the gap in the data is the outage.
 */
export class HostSampler {
  private stream: ByteStream | null = null;
  private prev: HostCounters | null = null;
  private prevDomains = new Map<string, DomainStats>();
  private retryTimer: NodeJS.Timeout | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** When the last snapshot (or the open) was seen: the watchdog reads it, so a sample only writes a number. */
  private lastSeenAt = 0;
  private attempt = 0;
  private stopped = false;
  private generation = 0;
  /** A person fixed something while an open was in flight: if that open fails for want of them, retry soon. */
  private retryWanted = false;

  constructor(
    readonly hostId: number,
    private config: SamplerConfig,
    private readonly deps: SamplerDeps,
  ) {
    void this.open();
  }

  get intervalSec(): number {
    return this.config.intervalSec;
  }

  /** Applies a new interval or hypervisor role by restarting the loop (counters carry over: no gap). */
  reconfigure(config: SamplerConfig): void {
    if (JSON.stringify(config) === JSON.stringify(this.config)) return;
    this.config = config;
    this.restart(0);
  }

  /** After a person fixed what the login needed (trusted a key, stored a secret): try again now, not in 5 min. */
  retryNow(): void {
    if (this.stopped) return;
    if (!this.retryTimer) {
      this.retryWanted = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = null;
    void this.open();
  }

  /** Stops the loop; resolves once an open in flight has settled (and closed what it opened). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.generation++;
    this.clearTimers();
    this.stream?.close();
    this.stream = null;
    this.state('off', 'collection stopped');
    await this.opening;
  }

  private opening: Promise<void> = Promise.resolve();

  private open(): Promise<void> {
    this.opening = this.openOnce();
    return this.opening;
  }

  private async openOnce(): Promise<void> {
    const generation = ++this.generation;
    this.retryWanted = false;
    this.state(this.attempt === 0 ? 'starting' : 'retrying', '');
    let stream: ByteStream;
    try {
      stream = await this.deps.openStream(this.hostId, 'sh -s');
    } catch (error) {
      if (generation !== this.generation) return;
      const e = error instanceof AppError ? error : new AppError('internal', String(error));
      // The key may have been trusted (or the secret stored) while this attempt was on its way: no 5 min wait then.
      const needsPerson = NEEDS_PERSON.has(e.code) && !this.retryWanted;
      this.retryWanted = false;
      this.state(needsPerson ? 'failed' : 'retrying', e.message, e.code);
      this.scheduleRetry(needsPerson ? NEEDS_PERSON_RETRY_MS : undefined);
      return;
    }
    if (generation !== this.generation) return stream.close();
    this.stream = stream;
    const parser = new SnapshotStream((sections) => this.snapshot(sections, generation));
    stream.onData((chunk) => parser.push(chunk));
    stream.onEnd((end) => {
      if (generation !== this.generation) return;
      this.stream = null;
      this.state('retrying', end.message, end.code ?? undefined);
      this.scheduleRetry();
    });
    stream.write(new TextEncoder().encode(samplerScript(this.config) + '\n'));
    this.armWatchdog(generation);
  }

  private snapshot(sections: Sections, generation: number): void {
    if (generation !== this.generation) return;
    const at = this.deps.now?.() ?? Date.now();
    const cur = parseHostCounters(sections);
    // A rate over more than a few intervals would smear an outage into one point: start afresh instead.
    const maxGap = Math.max(5 * this.config.intervalSec, this.config.intervalSec + 10);
    const prev =
      this.prev?.uptime != null && cur.uptime != null && cur.uptime - this.prev.uptime <= maxGap ? this.prev : null;
    // Filesystems are read every ~30 s only: between those, their last reading stands.
    if (cur.fs === null && prev) cur.fs = prev.fs;
    const values = hostValues(prev, cur);
    const domains = new Map<string, Record<string, number>>();
    if (sections.has('domstats')) {
      const parsed = parseDomstats(sections.get('domstats'));
      const dt = prev && cur.uptime != null && prev.uptime != null ? cur.uptime - prev.uptime : 0;
      for (const [name, stats] of parsed)
        domains.set(name, domainValues(prev ? this.prevDomains.get(name) : undefined, stats, dt, cur.cpuCount));
      this.prevDomains = parsed;
    }
    this.prev = cur;
    this.state('collecting', '');
    this.attempt = 0;
    this.lastSeenAt = performance.now();
    this.deps.onSample({ hostId: this.hostId, at, values, domains });
  }

  /**
   * A loop that stops printing (a hung command, a half-open TCP connection) is restarted. One timer per open
   * stream, not one per sample: when it fires early (samples kept coming) it waits out the rest from the last one.
   */
  private armWatchdog(generation: number): void {
    if (this.watchdog) clearTimeout(this.watchdog);
    const limitMs = (3 * this.config.intervalSec + 15) * 1000;
    this.lastSeenAt = performance.now();
    const check = () => {
      if (generation !== this.generation) return;
      const quietMs = performance.now() - this.lastSeenAt;
      if (quietMs < limitMs) {
        this.watchdog = setTimeout(check, limitMs - quietMs);
        this.watchdog.unref();
        return;
      }
      this.state('retrying', `no sample for ${limitMs / 1000} s`, 'timeout');
      this.restart(RETRY_MS[0]!);
    };
    this.watchdog = setTimeout(check, limitMs);
    this.watchdog.unref();
  }

  private restart(delayMs: number): void {
    this.generation++;
    this.clearTimers();
    this.stream?.close();
    this.stream = null;
    if (delayMs === 0) void this.open();
    else this.scheduleRetry(delayMs);
  }

  private scheduleRetry(delayMs?: number): void {
    if (this.stopped || this.retryTimer) return;
    if (this.watchdog) clearTimeout(this.watchdog);
    const delay = delayMs ?? RETRY_MS[Math.min(this.attempt, RETRY_MS.length - 1)]!;
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.open();
    }, delay);
    this.retryTimer.unref();
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.watchdog) clearTimeout(this.watchdog);
    this.retryTimer = null;
    this.watchdog = null;
  }

  private lastState = '';
  private state(state: CollectorState['state'], message: string, code?: string): void {
    const text = code ? `${message} (${code})` : message;
    const key = `${state}|${text}`;
    if (key === this.lastState) return;
    this.lastState = key;
    this.deps.onState({ hostId: this.hostId, state, intervalSec: this.config.intervalSec, message: text });
  }
}
