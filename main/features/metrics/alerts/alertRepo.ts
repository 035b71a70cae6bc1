import type { Alert, AlertRule } from '../../../../common/contract/metrics';
import { AppError } from '../../../../common/result';
import type { Db } from '../../../platform/db';
import type { Statement } from 'better-sqlite3';

interface RuleRow {
  id: number;
  name: string;
  kind: AlertRule['kind'];
  metric: string | null;
  op: AlertRule['op'];
  threshold: number | null;
  for_sec: number;
  scope: string;
  quiet_hours: string | null;
  enabled: number;
}

interface AlertRow {
  id: number;
  rule_id: number;
  rule_name: string;
  kind: AlertRule['kind'];
  host_id: number;
  host_name: string;
  label: string;
  state: Alert['state'];
  value: number | null;
  message: string;
  started_at: string;
  fired_at: string | null;
  resolved_at: string | null;
  acknowledged_at: string | null;
}

const ALERT_SELECT = `SELECT a.*, r.name AS rule_name, r.kind AS kind, h.name AS host_name
  FROM alerts a JOIN alert_rules r ON r.id = a.rule_id JOIN hosts h ON h.id = a.host_id`;

/** Alert rules and alerts in SQLite. */
export class AlertRepo {
  /** Statements by SQL, prepared once: alerts move on every sample of a busy fleet, and preparing costs more. */
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: Db) {}

  private sql(text: string): Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  rules(): AlertRule[] {
    return (this.sql('SELECT * FROM alert_rules ORDER BY id').all() as RuleRow[]).map(toRule);
  }

  rule(id: number): AlertRule {
    const row = this.sql('SELECT * FROM alert_rules WHERE id = ?').get(id) as RuleRow | undefined;
    if (!row) throw new AppError('not_found', `no alert rule #${id}`);
    return toRule(row);
  }

  saveRule(rule: Omit<AlertRule, 'id'> & { id?: number | undefined }): AlertRule {
    const row = {
      name: rule.name,
      kind: rule.kind,
      metric: rule.metric,
      op: rule.op,
      threshold: rule.threshold,
      for_sec: rule.forSec,
      scope: JSON.stringify(rule.scope),
      quiet_hours: rule.quietHours ? JSON.stringify(rule.quietHours) : null,
      enabled: rule.enabled ? 1 : 0,
    };
    if (rule.id === undefined) {
      const id = this.sql(
        `INSERT INTO alert_rules (name, kind, metric, op, threshold, for_sec, scope, quiet_hours, enabled)
           VALUES (@name, @kind, @metric, @op, @threshold, @for_sec, @scope, @quiet_hours, @enabled)`,
      ).run(row).lastInsertRowid;
      return this.rule(Number(id));
    }
    this.sql(
      `UPDATE alert_rules SET name = @name, kind = @kind, metric = @metric, op = @op, threshold = @threshold,
         for_sec = @for_sec, scope = @scope, quiet_hours = @quiet_hours, enabled = @enabled WHERE id = @id`,
    ).run({ ...row, id: rule.id });
    return this.rule(rule.id);
  }

  deleteRule(id: number): boolean {
    return this.sql('DELETE FROM alert_rules WHERE id = ?').run(id).changes > 0;
  }

  open(): Alert[] {
    return (this.sql(`${ALERT_SELECT} WHERE a.state <> 'resolved'`).all() as AlertRow[]).map(toAlert);
  }

  get(id: number): Alert {
    const row = this.sql(`${ALERT_SELECT} WHERE a.id = ?`).get(id) as AlertRow | undefined;
    if (!row) throw new AppError('not_found', `no alert #${id}`);
    return toAlert(row);
  }

  list(limit: number): Alert[] {
    return (
      this.sql(`${ALERT_SELECT} ORDER BY (a.state = 'resolved'), a.started_at DESC, a.id DESC LIMIT ?`).all(
        limit,
      ) as AlertRow[]
    ).map(toAlert);
  }

  unacknowledged(): number {
    return this.sql(
      "SELECT count(*) FROM alerts WHERE acknowledged_at IS NULL AND fired_at IS NOT NULL AND state <> 'resolved'",
    )
      .pluck()
      .get() as number;
  }

  insert(a: {
    ruleId: number;
    hostId: number;
    label: string;
    value: number | null;
    message: string;
    at: string;
  }): Alert {
    const id = this.sql(
      `INSERT INTO alerts (rule_id, host_id, label, state, value, message, started_at)
         VALUES (?, ?, ?, 'pending', ?, ?, ?)`,
    ).run(a.ruleId, a.hostId, a.label, a.value, a.message, a.at).lastInsertRowid;
    return this.get(Number(id));
  }

  update(
    id: number,
    changes: Partial<Pick<Alert, 'state' | 'value' | 'message' | 'firedAt' | 'resolvedAt' | 'acknowledgedAt'>>,
  ): Alert {
    const current = this.get(id);
    const next = { ...current, ...changes };
    this.sql(
      `UPDATE alerts SET state = ?, value = ?, message = ?, fired_at = ?, resolved_at = ?, acknowledged_at = ?
         WHERE id = ?`,
    ).run(next.state, next.value, next.message, next.firedAt, next.resolvedAt, next.acknowledgedAt, id);
    return this.get(id);
  }
}

function toRule(r: RuleRow): AlertRule {
  const scope = JSON.parse(r.scope) as Partial<AlertRule['scope']>;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    metric: r.metric,
    op: r.op,
    threshold: r.threshold,
    forSec: r.for_sec,
    scope: { hostIds: scope.hostIds ?? [], clusters: scope.clusters ?? [], tags: scope.tags ?? [] },
    quietHours: r.quiet_hours ? (JSON.parse(r.quiet_hours) as AlertRule['quietHours']) : null,
    enabled: r.enabled === 1,
  };
}

function toAlert(r: AlertRow): Alert {
  return {
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    kind: r.kind,
    hostId: r.host_id,
    hostName: r.host_name,
    label: r.label,
    state: r.state,
    value: r.value,
    message: r.message,
    startedAt: r.started_at,
    firedAt: r.fired_at,
    resolvedAt: r.resolved_at,
    acknowledgedAt: r.acknowledged_at,
  };
}
