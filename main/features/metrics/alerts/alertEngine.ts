import type { Door } from '../../../../common/contract';
import type { BmcHealth } from '../../../../common/contract/bmc';
import {
  AlertRule as AlertRuleSchema,
  type Alert,
  type AlertRule,
  type QuietHours,
  type Reachability,
} from '../../../../common/contract/metrics';
import type { Host } from '../../../../common/domain/host';
import { formatMetric } from '../../../../common/domain/metricUnits';
import { AppError } from '../../../../common/result';
import type { EventBus } from '../../../platform/eventBus';
import type { Db } from '../../../platform/db';
import type { AuditLog } from '../../audit/auditLog';
import { splitKey } from '../hostValues';
import { AlertRepo } from './alertRepo';
import { AverageWindow } from './averageWindow';

export interface AlertDeps {
  db: Db;
  audit: AuditLog;
  events: EventBus;
  hosts(): Host[];
  /** The quiet hours of every rule (metrics settings), read when an alert fires. */
  quietHours(): QuietHours | null;
  now?(): number;
}

/** A partial rule as `metrics.saveAlertRule` takes it: only the fields given change, scope list by list. */
export type AlertRuleInput = Partial<Omit<AlertRule, 'id' | 'scope'>> & {
  id?: number | undefined;
  scope?: Partial<AlertRule['scope']> | undefined;
};

/** `message` is built only when an alert is opened or fires: a threshold condition holds on every sample. */
type Condition = { active: true; value: number | null; message: () => string } | { active: false };

/** libvirt's VIR_DOMAIN_RUNNING. */
const RUNNING = 1;
/**
 * A VM that left the running state is only reported after this long, so that a power action Labvisor ran in
 * another process (the CLI), whose audit entry is written when it finishes, is seen before anyone is told.
 */
export const VM_STATE_GRACE_MS = 15_000;
/** Power actions that take a VM out of the running state (`on` never does; identify and boot device neither). */
const STOPPING_POWER_ACTIONS: readonly string[] = ['off', 'soft', 'cycle', 'reset', 'reboot'];
const RuleFields = AlertRuleSchema.omit({ id: true });

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
  private readonly windows = new Map<string, AverageWindow>();
  /** Per rule and VM: the last libvirt state seen, and when it left the running state (while not yet judged). */
  private readonly lastVmState = new Map<string, number>();
  private readonly lastRunningAt = new Map<string, number>();
  private readonly leftRunning = new Map<string, { lastRunning: number; left: number }>();
  /** Per host: the last stopping power action Labvisor ran on it in this process (end null while it runs). */
  private readonly ownActions = new Map<number, { start: number; end: number | null }>();
  private readonly down = new Map<number, Reachability>();

  constructor(private readonly deps: AlertDeps) {
    this.repo = new AlertRepo(deps.db);
    for (const a of this.repo.open()) this.open.set(keyOf(a.ruleId, a.hostId, a.label), a);
  }

  rules(): AlertRule[] {
    return (this.rulesCache ??= this.repo.rules());
  }

  saveRule(input: AlertRuleInput, door: Door): AlertRule {
    const before = input.id === undefined ? null : this.repo.rule(input.id);
    const { id, scope, ...fields } = input;
    const base = before ?? { id: undefined, ...defaults() };
    const parsed = RuleFields.safeParse({
      ...base,
      ...fields,
      scope: { ...base.scope, ...scope },
    });
    if (!parsed.success)
      throw new AppError(
        'invalid_input',
        parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; '),
      );
    const merged = parsed.data;
    if (merged.kind === 'threshold' && (!merged.metric || merged.op === null || merged.threshold === null))
      throw new AppError('invalid_input', 'a threshold rule needs a metric, an operator (above/below) and a threshold');
    const known = new Set(this.deps.hosts().map((h) => h.id));
    const unknown = merged.scope.hostIds.filter((h) => !known.has(h));
    if (unknown.length > 0) throw new AppError('not_found', `no host with id ${unknown.join(', ')}`);
    const saved = this.repo.saveRule({ ...merged, id });
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
    const rules = this.rules();
    for (const rule of rules)
      if (rule.enabled && rule.kind === 'vmState' && values['vm.state'] !== undefined && inScope(rule, host))
        this.vmState(rule, host, atMs, values['vm.state']);
    // One pass over the sample's keys for all threshold rules, not one per rule: a sample's values object has
    // too many keys to keep fast properties, and every for-in over it builds its key list afresh.
    for (const key in values)
      for (const rule of rules)
        if (rule.enabled && rule.kind === 'threshold' && key.startsWith(rule.metric!) && inScope(rule, host))
          this.threshold(rule, host, atMs, key, values[key]!);
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
          ? { active: true, value: null, message: () => `BMC ${h.level}: ${h.worstSensor ?? 'see sensors'}` }
          : { active: false },
        true,
      );
    }
  }

  /**
   * Time-driven transitions (a host down long enough); called every few seconds. Rules are read again, so a
   * change made by another process (the CLI) applies within a tick.
   */
  tick(): void {
    this.rulesCache = null;
    this.evaluateReachability();
  }

  /**
   * Progress of a Labvisor power action on this host (`power.progress`, this process): while a stopping action
   * runs, and shortly after, the VM leaving the running state is expected.
   */
  onOwnPowerAction(hostId: number, action: string, finished: boolean): void {
    if (!STOPPING_POWER_ACTIONS.includes(action)) return;
    const now = this.nowMs();
    const current = this.ownActions.get(hostId);
    const start = current && current.end === null ? current.start : now;
    this.ownActions.set(hostId, { start, end: finished ? now : null });
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
          ? { active: true, value: null, message: () => `unreachable since ${down.since}: ${down.message}` }
          : { active: false };
        this.apply(rule, host, '', condition, now - since >= rule.forSec * 1000);
      }
    }
  }

  /** One value of a sample whose key starts with the rule's metric (`fs.usedPercent{/}` for `fs.usedPercent`). */
  private threshold(rule: AlertRule, host: Host, atMs: number, key: string, value: number): void {
    const { name, label } = splitKey(key);
    if (name !== rule.metric) return;
    const wk = keyOf(rule.id, host.id, label ?? '');
    let window = this.windows.get(wk);
    if (!window) this.windows.set(wk, (window = new AverageWindow()));
    // A running sum: a 10-minute window at 1 Hz is 600 points, added up again on every sample otherwise.
    window.add(atMs, value, atMs - rule.forSec * 1000);
    const avg = window.average;
    const past = (v: number) => (rule.op === 'below' ? v < rule.threshold! : v > rule.threshold!);
    const open = this.open.get(wk);
    const covered = open ? atMs - Date.parse(open.startedAt) >= rule.forSec * 1000 : rule.forSec === 0;
    if (!past(value) && !past(avg)) {
      if (open) this.apply(rule, host, label ?? '', { active: false }, false);
      return;
    }
    const message = () =>
      `${formatMetric(key, avg)} averaged over ${rule.forSec} s, ${rule.op} ${formatMetric(key, rule.threshold!)}`;
    this.apply(rule, host, label ?? '', { active: true, value: avg, message }, covered && past(avg));
  }

  /**
   * A VM that leaves the running state fires the rule, unless Labvisor itself changed its state: a power action
   * seen starting in this process, or one in the audit log (any process) around that time. The judgement waits
   * VM_STATE_GRACE_MS (or the rule's time, if longer) after the change, so a slower process's audit entry lands.
   */
  private vmState(rule: AlertRule, host: Host, atMs: number, state: number): void {
    const k = keyOf(rule.id, host.id, '');
    const before = this.lastVmState.get(k);
    this.lastVmState.set(k, state);
    if (state === RUNNING) {
      this.lastRunningAt.set(k, atMs);
      this.leftRunning.delete(k);
      return this.apply(rule, host, '', { active: false }, false);
    }
    if (before === RUNNING) this.leftRunning.set(k, { lastRunning: this.lastRunningAt.get(k) ?? atMs, left: atMs });
    const condition: Condition = {
      active: true,
      value: state,
      message: () => `left the running state (libvirt state ${state}) without a Labvisor power action`,
    };
    if (this.open.has(k)) return this.apply(rule, host, '', condition, true);
    const change = this.leftRunning.get(k);
    if (!change || atMs - change.left < Math.max(VM_STATE_GRACE_MS, rule.forSec * 1000)) return;
    this.leftRunning.delete(k);
    if (!this.changedByLabvisor(host, change.lastRunning, change.left)) this.apply(rule, host, '', condition, true);
  }

  /**
   * Whether Labvisor stopped it: a stopping power action on it was under way at some point between the last sample
   * that saw it running and the first that did not — one of this process (`power.progress`), or one in the audit
   * log (written by any process when the action ends) that ended after the VM was last seen running.
   */
  private changedByLabvisor(host: Host, lastRunningMs: number, leftMs: number): boolean {
    const own = this.ownActions.get(host.id);
    if (own && own.start <= leftMs && (own.end === null || own.end >= lastRunningMs)) return true;
    const stopping = STOPPING_POWER_ACTIONS.map(() => '?').join(', ');
    return (
      this.deps.db
        .prepare(
          `SELECT 1 FROM audit_log WHERE target = ? AND at >= ?
           AND (action = 'virt.suspend' OR (action = 'power.set' AND json_extract(after, '$.action') IN (${stopping})))
           LIMIT 1`,
        )
        .get(host.name, new Date(lastRunningMs).toISOString(), ...STOPPING_POWER_ACTIONS) !== undefined
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
        message: c.message(),
        at: this.iso(),
      });
      this.transition(rule, alert, 'pending');
    }
    if (alert.state === 'pending' && ready)
      this.transition(
        rule,
        this.repo.update(alert.id, { state: 'firing', firedAt: this.iso(), value: c.value, message: c.message() }),
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
    const now = new Date(this.nowMs());
    const notify =
      state === 'firing' && !inQuietHours(rule.quietHours, now) && !inQuietHours(this.deps.quietHours(), now);
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
