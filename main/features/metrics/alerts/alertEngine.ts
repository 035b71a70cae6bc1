import type { Door } from '../../../../common/contract';
import type { BmcHealth } from '../../../../common/contract/bmc';
import type { Alert, AlertRule, Reachability } from '../../../../common/contract/metrics';
import type { Host } from '../../../../common/domain/host';
import { formatMetric } from '../../../../common/domain/metricUnits';
import { AppError } from '../../../../common/result';
import type { EventBus } from '../../../platform/eventBus';
import type { Db } from '../../../platform/db';
import type { AuditLog } from '../../audit/auditLog';
import { splitKey } from '../hostValues';
import { AlertRepo } from './alertRepo';

export interface AlertDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  hosts(): Host[];
  now?(): number;
}

type Condition = { active: true; value: number | null; message: string } | { active: false };

/** libvirt's VIR_DOMAIN_RUNNING. */
const RUNNING = 1;

function inScope(rule: AlertRule, host: Host): boolean {
  const { hostIds, clusters, tags } = rule.scope;
  if (hostIds.length === 0 && clusters.length === 0 && tags.length === 0) return true;
  return (
    hostIds.includes(host.id) ||
    (host.cluster !== null && clusters.includes(host.cluster)) ||
    host.tags.some((t) => tags.includes(t))
  );
}

/** Whether `at` falls in the quiet hours (local time; a range may wrap past midnight). */
export function inQuietHours(quiet: AlertRule['quietHours'], at: Date): boolean {
  if (!quiet) return false;
  const minutes = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));
  const now = at.getHours() * 60 + at.getMinutes();
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  return from <= to ? now >= from && now < to : now >= from || now < to;
}

/**
 * Turns samples, reachability and BMC health into alerts: pending when a condition starts, firing once it held for
 * the rule's time (a threshold: its average over that time), resolved when it ends; a person acknowledges. Every
 * transition is written to the audit log (door `system`) and emitted as `metrics.alert`.
 */
export class AlertEngine {
  readonly repo: AlertRepo;
  private rulesCache: AlertRule[] | null = null;
  private readonly open = new Map<string, Alert>();
  /** Per rule, host and label: recent samples [ms, value] for averaging. */
  private readonly windows = new Map<string, [number, number][]>();
  private readonly lastVmState = new Map<number, number>();
  private readonly down = new Map<number, Reachability>();

  constructor(private readonly deps: AlertDeps) {
    this.repo = new AlertRepo(deps.db);
    for (const a of this.repo.open()) this.open.set(keyOf(a.ruleId, a.hostId, a.label), a);
  }

  rules(): AlertRule[] {
    return (this.rulesCache ??= this.repo.rules());
  }

  saveRule(input: Partial<AlertRule> & { id?: number | undefined }, door: Door): AlertRule {
    const before = input.id === undefined ? null : this.repo.rule(input.id);
    const merged = { ...defaults(), ...before, ...input } as AlertRule;
    if (merged.kind === 'threshold' && (!merged.metric || merged.op === null || merged.threshold === null))
      throw new AppError('invalid_input', 'a threshold rule needs a metric, an operator (above/below) and a threshold');
    const saved = this.repo.saveRule(merged);
    this.rulesCache = null;
    this.deps.audit.append({
      door,
      action: 'metrics.saveAlertRule',
      target: saved.name,
      before,
      after: saved,
      result: 'ok',
    });
    return saved;
  }

  deleteRule(id: number, door: Door): boolean {
    const before = this.repo.rule(id);
    const removed = this.repo.deleteRule(id);
    this.rulesCache = null;
    for (const [k, a] of this.open) if (a.ruleId === id) this.open.delete(k);
    this.deps.audit.append({ door, action: 'metrics.deleteAlertRule', target: before.name, before, result: 'ok' });
    return removed;
  }

  acknowledge(id: number, door: Door): Alert {
    const alert = this.repo.get(id);
    if (alert.acknowledgedAt) return alert;
    const updated = this.repo.update(id, { acknowledgedAt: this.iso() });
    this.cache(updated);
    this.deps.audit.append({
      door,
      action: 'metrics.acknowledgeAlert',
      target: updated.hostName,
      after: { id, rule: updated.ruleName, state: updated.state },
      result: 'ok',
    });
    this.deps.events.emit('metrics.alert', { ...updated, notify: false });
    return updated;
  }

  onSample(hostId: number, atMs: number, values: Record<string, number>): void {
    const host = this.deps.hosts().find((h) => h.id === hostId);
    if (!host) return;
    for (const rule of this.rules()) {
      if (!rule.enabled || !inScope(rule, host)) continue;
      if (rule.kind === 'threshold') this.threshold(rule, host, atMs, values);
      if (rule.kind === 'vmState' && values['vm.state'] !== undefined) this.vmState(rule, host, values['vm.state']);
    }
  }

  onReachability(r: Reachability): void {
    if (r.state === 'down') this.down.set(r.hostId, r);
    else this.down.delete(r.hostId);
    this.evaluateReachability();
  }

  onBmcHealth(h: BmcHealth): void {
    const host = this.deps.hosts().find((x) => x.id === h.hostId);
    if (!host) return;
    for (const rule of this.rules()) {
      if (!rule.enabled || rule.kind !== 'bmc' || !inScope(rule, host)) continue;
      const bad = h.level === 'warning' || h.level === 'critical';
      this.apply(
        rule,
        host,
        '',
        bad
          ? { active: true, value: null, message: `BMC ${h.level}: ${h.worstSensor ?? 'see sensors'}` }
          : { active: false },
        true,
      );
    }
  }

  /** Time-driven transitions (a host down long enough); called every few seconds. */
  tick(): void {
    this.evaluateReachability();
  }

  private evaluateReachability(): void {
    const now = this.nowMs();
    const hosts = this.deps.hosts();
    for (const rule of this.rules()) {
      if (!rule.enabled || rule.kind !== 'unreachable') continue;
      for (const host of hosts) {
        if (!inScope(rule, host)) continue;
        const down = this.down.get(host.id);
        const since = down?.since ? Date.parse(down.since) : now;
        const condition: Condition = down
          ? { active: true, value: null, message: `unreachable since ${down.since}: ${down.message}` }
          : { active: false };
        this.apply(rule, host, '', condition, now - since >= rule.forSec * 1000);
      }
    }
  }

  private threshold(rule: AlertRule, host: Host, atMs: number, values: Record<string, number>): void {
    for (const [key, value] of Object.entries(values)) {
      const { name, label } = splitKey(key);
      if (name !== rule.metric) continue;
      const wk = keyOf(rule.id, host.id, label ?? '');
      const window = this.windows.get(wk) ?? [];
      window.push([atMs, value]);
      while (window.length > 1 && window[0]![0] < atMs - rule.forSec * 1000) window.shift();
      this.windows.set(wk, window);
      const avg = window.reduce((a, [, v]) => a + v, 0) / window.length;
      const past = (v: number) => (rule.op === 'below' ? v < rule.threshold! : v > rule.threshold!);
      const covered = this.open.get(wk)
        ? atMs - Date.parse(this.open.get(wk)!.startedAt) >= rule.forSec * 1000
        : rule.forSec === 0;
      const text = `${formatMetric(key, avg)} averaged over ${rule.forSec} s, ${rule.op} ${formatMetric(key, rule.threshold!)}`;
      this.apply(
        rule,
        host,
        label ?? '',
        past(value) || past(avg) ? { active: true, value: avg, message: text } : { active: false },
        covered && past(avg),
      );
    }
  }

  private vmState(rule: AlertRule, host: Host, state: number): void {
    const before = this.lastVmState.get(host.id);
    this.lastVmState.set(host.id, state);
    const open = this.open.get(keyOf(rule.id, host.id, ''));
    if (state === RUNNING) return this.apply(rule, host, '', { active: false }, false);
    if (before === RUNNING || open)
      this.apply(
        rule,
        host,
        '',
        { active: true, value: state, message: `left the running state (libvirt state ${state})` },
        true,
      );
  }

  /** The one state machine: condition → pending, `ready` → firing, no condition → resolved. */
  private apply(rule: AlertRule, host: Host, label: string, c: Condition, ready: boolean): void {
    const k = keyOf(rule.id, host.id, label);
    let alert = this.open.get(k);
    if (!c.active) {
      if (alert)
        this.transition(rule, this.repo.update(alert.id, { state: 'resolved', resolvedAt: this.iso() }), 'resolved');
      return;
    }
    if (!alert) {
      alert = this.repo.insert({
        ruleId: rule.id,
        hostId: host.id,
        label,
        value: c.value,
        message: c.message,
        at: this.iso(),
      });
      this.transition(rule, alert, 'pending');
    }
    if (alert.state === 'pending' && ready)
      this.transition(
        rule,
        this.repo.update(alert.id, { state: 'firing', firedAt: this.iso(), value: c.value, message: c.message }),
        'firing',
      );
  }

  private transition(rule: AlertRule, alert: Alert, state: Alert['state']): void {
    this.cache(alert);
    this.deps.audit.append({
      door: 'system',
      action: `metrics.alert.${state}`,
      target: alert.hostName,
      after: { id: alert.id, rule: rule.name, label: alert.label, value: alert.value, message: alert.message },
      result: 'ok',
    });
    const notify = state === 'firing' && !inQuietHours(rule.quietHours, new Date(this.nowMs()));
    this.deps.events.emit('metrics.alert', { ...alert, notify });
  }

  private cache(alert: Alert): void {
    const k = keyOf(alert.ruleId, alert.hostId, alert.label);
    if (alert.state === 'resolved') this.open.delete(k);
    else this.open.set(k, alert);
  }

  private nowMs(): number {
    return this.deps.now?.() ?? Date.now();
  }

  private iso(): string {
    return new Date(this.nowMs()).toISOString();
  }
}

const keyOf = (ruleId: number, hostId: number, label: string) => `${ruleId}|${hostId}|${label}`;

function defaults(): Omit<AlertRule, 'id'> {
  return {
    name: 'Alert',
    kind: 'threshold',
    metric: null,
    op: null,
    threshold: null,
    forSec: 300,
    scope: { hostIds: [], clusters: [], tags: [] },
    quietHours: null,
    enabled: true,
  };
}
