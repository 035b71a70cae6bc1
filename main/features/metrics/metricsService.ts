import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import type { EventPayload } from '../../../common/contract';
import type {
  CollectorState,
  HistoryRange,
  HostHistory,
  HostLatest,
  HostOverview,
  MetricsDashboard,
  MetricsSettings,
  Reachability,
} from '../../../common/contract/metrics';
import { primaryAddress, type Host } from '../../../common/domain/host';
import type { ByteStream } from '../../platform/byteStreams';
import type { EventBus } from '../../platform/eventBus';
import type { Db } from '../../platform/db';
import type { Logger } from '../../platform/log';
import type { AuditLog } from '../audit/auditLog';
import { AlertEngine } from './alerts/alertEngine';
import { HistoryStore } from './historyStore';
import { HostSampler, type SampleOut } from './hostSampler';
import { dashboardOf } from './dashboard';
import { vmMemPercent } from './domstats';
import { seriesKey } from './hostValues';
import { LiveRing } from './liveRing';
import { MetricsSettingsRepo } from './metricsSettings';
import { prometheusText } from './prometheusText';
import { ReachabilityTracker } from './reachability';
import { RANGE_SEC, tierFor } from './tiers';

export interface MetricsDeps {
  db: Db;
  dbFile: string;
  log: Logger;
  events: EventBus;
  audit: AuditLog;
  hosts(): Host[];
  /** The hosts among `ids` that exist, in that order (without it, `hosts()` filtered: every host read). */
  hostsById?(ids: readonly number[]): Host[];
  /** Read-only mode writes nothing, and history, reachability and alert state are all writes: no collection. */
  readOnly: boolean;
  openStream(hostId: number, command: string): Promise<ByteStream>;
}

export interface MetricsOptions {
  /** Overrides the stored background interval (tests). */
  backgroundIntervalSec?: number;
  flushMs?: number;
  pruneMs?: number;
  reconcileMs?: number;
  probeUpIntervalMs?: number;
  probeDownBackoffMs?: number[];
}

interface Watch {
  hostIds: number[];
  intervalSec: number;
  expiresAt: number;
  /** The window or WebSocket that holds it: the one its hosts' live samples go to. None: in-process (bench, CLI). */
  client: string | undefined;
}

const NOBODY: ReadonlySet<string> = new Set();

const SPARK_POINTS = 60;

type Source = 'host' | 'vm' | 'domains';

/** Audited actions after which a sampler waiting on a host key or a credential should try again. */
const RETRY_AFTER = new Set([
  'ssh.trustHostKey',
  'ssh.replaceHostKey',
  'ssh.importKnownHosts',
  'ssh.setSecret',
  'inventory.updateHost',
]);

/**
 * Collects host and VM metrics over SSH while `start()`ed (desktop app, `labvisor serve`): one sampler per host,
 * live values and sparklines in memory, history through HistoryStore. Reads (history, latest from history) work
 * without starting, so the CLI can show what a running instance collected.
 */
export class MetricsService {
  readonly store: HistoryStore;
  readonly reach: ReachabilityTracker;
  readonly alerts: AlertEngine;
  private readonly settingsRepo: MetricsSettingsRepo;
  private readonly samplers = new Map<number, HostSampler>();
  private readonly collectors = new Map<number, CollectorState>();
  /** Per host, the latest sample of each source: its own sampler (`host`) and its hypervisor's domstats (`vm`). */
  private readonly latestBySource = new Map<number, Map<Source, { at: number; values: Record<string, number> }>>();
  private readonly sparks = new Map<number, { cpu: LiveRing; mem: LiveRing }>();
  private readonly watches = new Map<string, Watch>();
  /** Per host, the clients whose watches include it; rebuilt after the watches change. */
  private audiences: Map<number, Set<string>> | null = null;
  private readonly sampleListeners = new Set<(hostId: number, at: number, values: Record<string, number>) => void>();
  private readonly saveReach;
  private readonly loadReach;
  private timers: NodeJS.Timeout[] = [];
  private hostCache: Host[] = [];
  /** The background interval as of the last reconcile (read on every sample, so not from SQLite). */
  private backgroundSec = 30;
  private readonly stopping: (() => void)[] = [];
  private started = false;

  constructor(
    private readonly deps: MetricsDeps,
    private readonly opts: MetricsOptions = {},
  ) {
    this.store = new HistoryStore(deps.db);
    // Alerts run on every sample: they read the inventory as of the last reconcile, not from SQLite each time.
    this.alerts = new AlertEngine({
      db: deps.db,
      audit: deps.audit,
      events: deps.events,
      hosts: () => (this.started ? this.hostCache : deps.hosts()),
      quietHours: () => this.settingsRepo.get().quietHours,
    });
    this.saveReach = deps.db.prepare(
      'INSERT OR REPLACE INTO metric_reachability (host_id, state, since, message) SELECT id, ?, ?, ? FROM hosts WHERE id = ?',
    );
    this.loadReach = deps.db.prepare('SELECT state, since, message FROM metric_reachability WHERE host_id = ?');
    this.settingsRepo = new MetricsSettingsRepo(deps.db);
    // A closed window or dropped socket renews nothing: its watches go now, not when their lease runs out.
    deps.events.onClientGone((client) => {
      let dropped = false;
      for (const [id, w] of this.watches)
        if (w.client === client) {
          this.watches.delete(id);
          dropped = true;
        }
      if (dropped) this.watchesChanged();
    });
    this.reach = new ReachabilityTracker({
      ...(opts.probeUpIntervalMs ? { upIntervalMs: opts.probeUpIntervalMs } : {}),
      ...(opts.probeDownBackoffMs ? { downBackoffMs: opts.probeDownBackoffMs } : {}),
      onChange: (r) => {
        this.saveReach.run(r.state, r.since, r.message, r.hostId);
        deps.events.emit('metrics.reachability', r);
        this.alerts.onReachability(r);
      },
    });
  }

  start(): void {
    if (this.started || this.deps.readOnly) return;
    this.started = true;
    const every = (ms: number, run: () => void) => {
      const timer = setInterval(() => {
        try {
          run();
        } catch (error) {
          this.deps.log.error('metrics housekeeping failed', { error: String(error) });
        }
      }, ms);
      timer.unref();
      this.timers.push(timer);
    };
    every(this.opts.flushMs ?? 10_000, () => this.store.flush());
    every(this.opts.pruneMs ?? 10 * 60_000, () => this.store.prune());
    every(this.opts.reconcileMs ?? 5_000, () => {
      this.reconcile();
      this.alerts.tick();
    });
    const offBmc = this.deps.events.subscribe((e) => {
      if (e.name === 'bmc.health') this.alerts.onBmcHealth(e.payload as EventPayload<'bmc.health'>);
      // Labvisor's own power action: the VM state change it causes is expected, not an alert.
      if (e.name === 'power.progress') {
        const p = e.payload as EventPayload<'power.progress'>;
        this.alerts.onOwnPowerAction(p.hostId, p.action, p.phase === 'done' || p.phase === 'failed');
      }
      if (e.name === 'inventory.changed') this.reconcile();
      // A login that needed a person may work now: waiting samplers try again at once.
      if (e.name === 'audit.appended' && RETRY_AFTER.has((e.payload as EventPayload<'audit.appended'>).action))
        for (const sampler of this.samplers.values()) sampler.retryNow();
    });
    this.stopping.push(offBmc);
    this.store.prune();
    this.reconcile();
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    for (const off of this.stopping.splice(0)) off();
    const stopping = [...this.samplers.values()].map((s) => s.stop());
    this.samplers.clear();
    this.reach.stop();
    // A login still in progress is not waited for longer than this: shutdown stays quick.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(stopping), new Promise((r) => (timer = setTimeout(r, 3000)))]);
    clearTimeout(timer);
    this.store.flush();
  }

  /** Called on every sample (alerts). */
  onSample(listener: (hostId: number, at: number, values: Record<string, number>) => void): () => void {
    this.sampleListeners.add(listener);
    return () => this.sampleListeners.delete(listener);
  }

  /** Brings samplers and probes in line with the inventory, the settings and the watches. */
  reconcile(): void {
    if (!this.started) return;
    const now = Date.now();
    for (const [id, w] of this.watches) if (w.expiresAt < now && this.watches.delete(id)) this.audiences = null;
    const settings = this.settings();
    this.backgroundSec = settings.backgroundIntervalSec;
    const disabled = new Set(settings.disabledHostIds);
    const hosts = this.deps.hosts();
    this.hostCache = hosts;
    const byId = new Map(hosts.map((h) => [h.id, h]));
    const vmChildren = new Map<number, Host[]>();
    for (const h of hosts)
      if (h.parentId !== null && h.hypervisor?.domainName)
        vmChildren.set(h.parentId, [...(vmChildren.get(h.parentId) ?? []), h]);
    const watched = new Map<number, number>();
    for (const w of this.watches.values())
      for (const id of w.hostIds) watched.set(id, Math.min(watched.get(id) ?? Infinity, w.intervalSec));

    for (const host of hosts) {
      const address = primaryAddress(host);
      const reachable = address !== null || host.ssh.jumpHostId !== null;
      const wanted = reachable && host.kind !== 'device' && !disabled.has(host.id);
      this.reach.track(
        host.id,
        address && host.ssh.jumpHostId === null ? { hostId: host.id, address, port: host.ssh.port ?? 22 } : null,
      );
      const sampler = this.samplers.get(host.id);
      if (!wanted) {
        if (sampler) {
          void sampler.stop();
          this.samplers.delete(host.id);
        }
        if (disabled.has(host.id)) this.setCollector({ hostId: host.id, state: 'off', intervalSec: null, message: '' });
        continue;
      }
      const children = vmChildren.get(host.id);
      const config = {
        intervalSec: Math.min(watched.get(host.id) ?? Infinity, settings.backgroundIntervalSec),
        domstats: children ? { uri: children[0]!.hypervisor?.libvirtUri ?? null } : null,
      };
      if (sampler) sampler.reconfigure(config);
      else
        this.samplers.set(
          host.id,
          new HostSampler(host.id, config, {
            openStream: (id, command) => this.deps.openStream(id, command),
            onSample: (s) => this.record(s),
            onState: (state) => this.onCollector(state),
          }),
        );
    }
    for (const [id, sampler] of this.samplers)
      if (!byId.has(id)) {
        void sampler.stop();
        this.samplers.delete(id);
        this.forget(id);
      }
    for (const r of this.reach.all()) if (!byId.has(r.hostId)) this.reach.forget(r.hostId);
  }

  /**
   * Samples these hosts every `intervalSec` until the lease lapses or `client` goes; their live samples are sent
   * to `client` (and to other clients watching them), not to every client.
   */
  watch(
    hostIds: number[],
    intervalSec: number,
    watchId?: string,
    client?: string,
  ): { watchId: string; leaseSec: number } {
    const id = watchId && this.watches.has(watchId) ? watchId : randomUUID();
    const leaseMs = Math.max(30_000, intervalSec * 3000);
    this.watches.set(id, { hostIds, intervalSec, expiresAt: Date.now() + leaseMs, client });
    this.watchesChanged();
    return { watchId: id, leaseSec: leaseMs / 1000 };
  }

  unwatch(watchId: string): boolean {
    const existed = this.watches.delete(watchId);
    if (existed) this.watchesChanged();
    return existed;
  }

  private watchesChanged(): void {
    this.audiences = null;
    this.reconcile();
  }

  /** The clients a host's live samples go to: those watching it. */
  private audience(hostId: number): ReadonlySet<string> {
    if (!this.audiences) {
      this.audiences = new Map();
      for (const w of this.watches.values()) {
        if (w.client === undefined) continue;
        for (const id of w.hostIds) {
          let clients = this.audiences.get(id);
          if (!clients) this.audiences.set(id, (clients = new Set()));
          clients.add(w.client);
        }
      }
    }
    return this.audiences.get(hostId) ?? NOBODY;
  }

  settings(): MetricsSettings {
    const stored = this.settingsRepo.get();
    return this.opts.backgroundIntervalSec
      ? { ...stored, backgroundIntervalSec: this.opts.backgroundIntervalSec }
      : stored;
  }

  setSettings(changes: Partial<MetricsSettings>): MetricsSettings {
    const saved = this.settingsRepo.set(changes);
    this.reconcile();
    return saved;
  }

  storage(): { bytes: number; series: number; blocks: number } {
    let bytes = 0;
    for (const file of [this.deps.dbFile, `${this.deps.dbFile}-wal`]) {
      try {
        bytes += statSync(file).size;
      } catch {
        // No WAL file right now.
      }
    }
    return { bytes, ...this.store.counts() };
  }

  latest(host: Host): HostLatest {
    const live = this.liveLatest(host.id) ?? this.latestFromHistory(host.id);
    return {
      hostId: host.id,
      hostName: host.name,
      reachability: this.reachability(host.id),
      collector: this.collector(host.id),
      at: live?.at ?? null,
      values: live?.values ?? {},
    };
  }

  /** This process's own judgement while collecting; otherwise the last one stored by the process that was. */
  reachability(hostId: number): Reachability {
    if (this.started) return this.reach.get(hostId);
    const row = this.loadReach.get(hostId) as Omit<Reachability, 'hostId'> | undefined;
    return row ? { hostId, ...row } : this.reach.get(hostId);
  }

  history(host: Host, range: HistoryRange, keys?: string[], nowMs = Date.now()): HostHistory {
    const tier = tierFor(range);
    const toSec = nowMs / 1000;
    const fromSec = toSec - RANGE_SEC[range];
    const wanted = (key: string) =>
      !keys || keys.some((k) => (k.endsWith('*') ? key.startsWith(k.slice(0, -1)) : key === k));
    const series = this.store
      .keys(host.id)
      .filter(wanted)
      .map((key) => ({
        key,
        points: this.store
          .read(host.id, key, tier, fromSec, toSec)
          .map((p) => [round(p.t), p.avg, p.max] as [number, number, number]),
      }))
      .filter((s) => s.points.length > 0);
    return { hostId: host.id, hostName: host.name, range, stepSec: tier.stepSec, series };
  }

  private hostsAmong(ids: readonly number[]): Host[] {
    if (this.deps.hostsById) return this.deps.hostsById(ids);
    const byId = new Map(this.deps.hosts().map((h) => [h.id, h]));
    return ids.map((id) => byId.get(id)).filter((h): h is Host => h !== undefined);
  }

  /**
   * Every host's status and sparklines, or only these hosts' (what the inventory's rows on screen ask for). While
   * collecting, every host comes from the inventory as of the last reconcile (redone on each inventory change), as
   * the alerts read it: reading 10,000 hosts from SQLite took ~150 ms of the event loop on each dashboard poll.
   */
  overview(hostIds?: readonly number[]): HostOverview[] {
    const hosts = hostIds ? this.hostsAmong(hostIds) : this.started ? this.hostCache : this.deps.hosts();
    return hosts.map((host) => {
      const live = this.liveLatest(host.id);
      const spark = this.sparks.get(host.id);
      return {
        hostId: host.id,
        hostName: host.name,
        kind: host.kind,
        parentId: host.parentId,
        reachability: this.reach.get(host.id),
        collector: this.collector(host.id),
        at: live?.at ?? null,
        values: live?.values ?? {},
        spark: { cpu: spark?.cpu.toArray() ?? [], mem: spark?.mem.toArray() ?? [] },
      };
    });
  }

  /** The dashboard's view: the overview of every host, reduced here to what the dashboard shows. */
  dashboard(top: number): MetricsDashboard {
    return dashboardOf(this.overview(), top);
  }

  /** The Prometheus text exposition of every host's latest values (`/metrics` under `labvisor serve`). */
  prometheus(nowMs = Date.now()): string {
    const hosts = this.deps.hosts();
    const byId = new Map(hosts.map((h) => [h.id, h]));
    const staleMs = (3 * this.settings().backgroundIntervalSec + 30) * 1000;
    return prometheusText(
      hosts.map((host) => ({
        host,
        parent: host.parentId === null ? null : (byId.get(host.parentId) ?? null),
        latest: this.latest(host),
        reachability: this.reach.get(host.id),
      })),
      nowMs,
      staleMs,
    );
  }

  /** The last minute of raw history, when nothing is live in this process (the CLI beside a running serve). */
  private latestFromHistory(hostId: number): { at: number; values: Record<string, number> } | null {
    const nowSec = Date.now() / 1000;
    const raw = tierFor('15m');
    let at = 0;
    const values: Record<string, number> = {};
    for (const key of this.store.keys(hostId)) {
      const last = this.store.read(hostId, key, raw, nowSec - 120, nowSec).at(-1);
      if (!last) continue;
      values[key] = last.avg;
      at = Math.max(at, last.t * 1000);
    }
    return at > 0 ? { at: Math.round(at), values } : null;
  }

  private record(sample: SampleOut): void {
    this.put(sample.hostId, sample.at, sample.values, 'host');
    if (sample.domains.size === 0) return;
    // The inventory as of the latest reconcile, not as when this sampler started: VMs discovered on a hypervisor
    // already sampled get their own values from its next tick.
    const vms = new Map<string, number>();
    for (const h of this.hostCache)
      if (h.parentId === sample.hostId && h.hypervisor?.domainName) vms.set(h.hypervisor.domainName, h.id);
    const unmatched: Record<string, number> = {};
    for (const [domain, values] of sample.domains) {
      const vmId = vms.get(domain);
      if (vmId !== undefined) this.put(vmId, sample.at, values, 'vm');
      else for (const [k, v] of Object.entries(values)) unmatched[seriesKey(k, domain)] = v;
    }
    // Domains not in the inventory still count on their hypervisor, labelled by domain name.
    if (Object.keys(unmatched).length) this.put(sample.hostId, sample.at, unmatched, 'domains');
  }

  /** The sources' latest values merged; a source silent for long (a VM's own sampler down) drops out. */
  private liveLatest(hostId: number): { at: number; values: Record<string, number> } | null {
    const sources = this.latestBySource.get(hostId);
    if (!sources?.size) return null;
    // One source (every host but a VM with its own sampler): its values as they are, not copied per sample.
    if (sources.size === 1) return sources.values().next().value!;
    let at = -Infinity;
    for (const x of sources.values()) at = Math.max(at, x.at);
    const staleMs = (3 * this.backgroundSec + 30) * 1000;
    const values: Record<string, number> = {};
    for (const x of sources.values()) if (at - x.at <= staleMs) Object.assign(values, x.values);
    return { at, values };
  }

  private put(hostId: number, at: number, values: Record<string, number>, source: Source): void {
    try {
      this.store.append(hostId, at, values);
    } catch (error) {
      // The host was deleted between the sample and now; the next reconcile stops its sampler.
      this.deps.log.warn('metrics sample not stored', { hostId, error: String(error) });
      return;
    }
    let sources = this.latestBySource.get(hostId);
    if (!sources) this.latestBySource.set(hostId, (sources = new Map()));
    sources.set(source, { at, values });
    const merged = this.liveLatest(hostId)!.values;
    let spark = this.sparks.get(hostId);
    if (!spark) this.sparks.set(hostId, (spark = { cpu: new LiveRing(SPARK_POINTS), mem: new LiveRing(SPARK_POINTS) }));
    const cpu = values['cpu.percent'] ?? values['vm.cpuPercentVcpus'];
    if (cpu !== undefined) spark.cpu.push(cpu);
    const mem = values['mem.percent'] ?? vmMemPercent(values);
    if (mem !== undefined) spark.mem.push(mem);
    // Only a host's own sampler proves it reachable; its hypervisor's view of it does not.
    if (source === 'host') this.reach.report(hostId, 'up', '');
    this.deps.events.emit('metrics.sample', { hostId, at, values: merged }, this.audience(hostId));
    for (const listener of this.sampleListeners) listener(hostId, at, merged);
    try {
      this.alerts.onSample(hostId, at, values);
    } catch (error) {
      this.deps.log.error('alert evaluation failed', { hostId, error: String(error) });
    }
  }

  private onCollector(state: CollectorState): void {
    this.setCollector(state);
    if (state.state === 'retrying' || state.state === 'failed') this.reach.probeSoon(state.hostId);
    if (state.state === 'failed' || (state.state === 'retrying' && /\(unreachable|timeout\)/.test(state.message)))
      this.reach.reportIfIndirect(state.hostId, 'down', state.message);
  }

  private setCollector(state: CollectorState): void {
    const old = this.collectors.get(state.hostId);
    if (old && old.state === state.state && old.message === state.message && old.intervalSec === state.intervalSec)
      return;
    this.collectors.set(state.hostId, state);
    this.deps.events.emit('metrics.collector', state);
  }

  private collector(hostId: number): CollectorState {
    return this.collectors.get(hostId) ?? { hostId, state: 'off', intervalSec: null, message: 'not collecting' };
  }

  private forget(hostId: number): void {
    this.latestBySource.delete(hostId);
    this.sparks.delete(hostId);
    this.collectors.delete(hostId);
  }
}

const round = (t: number) => Math.round(t * 1000) / 1000;
