import { useMemo, useState } from 'react';
import type { AlertRule } from '../../../../common/contract/metrics';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { useCanAct } from '../../app/useAppInfo';
import { draftOf, ruleChange, RULE_METRICS, type RuleDraft } from './alertRuleForm';
import type { Host } from '../../../../common/domain/host';
import { useHosts } from '../inventory/hostsStore';
import { usePolled } from './metricsData';
import { QuietHoursEditor } from './QuietHoursEditor';

const NO_HOSTS: readonly Host[] = [];

/**
 * The alert rules: what each watches, on which hosts (hosts, clusters, tags; none = all), its quiet hours; edit,
 * add, switch off, delete (each change audited by the server), and the quiet hours of every rule.
 */
export function AlertRules() {
  const t = useT();
  // Names from the inventory the app already holds (the dashboard no longer fetches every host's overview).
  const hosts = useHosts().hosts ?? NO_HOSTS;
  const byId = useMemo(() => new Map(hosts.map((h) => [h.id, h.name])), [hosts]);
  const canAct = useCanAct();
  const [open, setOpen] = useState(false);
  const rules = usePolled(() => call('metrics.alertRules', {}), 30_000);
  const [editing, setEditing] = useState<AlertRule | 'new' | null>(null);
  const [error, setError] = useState('');
  const nameOf = (id: number) => byId.get(id) ?? `#${id}`;
  const run = (p: Promise<unknown>) =>
    p.then(
      () => (setError(''), rules.reload()),
      (e: Error) => setError(e.message),
    );

  return (
    <section className="dash-card dash-alerts" aria-label={t('metrics.rules.title')}>
      <h2>
        <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} {t('metrics.rules.title')} ({rules.value?.length ?? '…'})
        </button>
      </h2>
      {open && (
        <>
          <QuietHoursEditor canAct={canAct} />
          {error && (
            <p role="alert" className="error">
              {error}
            </p>
          )}
          <table className="dash-table" aria-label={t('metrics.rules.title')}>
            <thead>
              <tr>
                <th>{t('metrics.rules.name')}</th>
                <th>{t('metrics.rules.condition')}</th>
                <th>{t('metrics.rules.for')}</th>
                <th>{t('metrics.rules.scope')}</th>
                <th>{t('metrics.rules.quiet')}</th>
                <th>{t('metrics.rules.enabled')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {(rules.value ?? []).map((r) => (
                <tr key={r.id} data-rule={r.name}>
                  <td>{r.name}</td>
                  <td>
                    {r.kind === 'threshold'
                      ? t(`metrics.rules.cond.${r.op ?? 'above'}`, { metric: r.metric ?? '', value: r.threshold ?? '' })
                      : t(`metrics.rules.kind.${r.kind}`)}
                  </td>
                  <td className="num">{t('metrics.rules.minutes', { n: r.forSec / 60 })}</td>
                  <td>
                    {[
                      ...r.scope.hostIds.map(nameOf),
                      ...r.scope.clusters.map((c) => t('metrics.rules.cluster', { name: c })),
                      ...r.scope.tags.map((tag) => `#${tag}`),
                    ].join(', ') || t('metrics.rules.allHosts')}
                  </td>
                  <td>{r.quietHours ? `${r.quietHours.from}–${r.quietHours.to}` : ''}</td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('metrics.rules.enableRule', { name: r.name })}
                      checked={r.enabled}
                      disabled={!canAct}
                      onChange={(e) => run(call('metrics.saveAlertRule', { id: r.id, enabled: e.target.checked }))}
                    />
                  </td>
                  <td>
                    {canAct && (
                      <>
                        <button type="button" onClick={() => setEditing(r)}>
                          {t('common.edit')}
                        </button>{' '}
                        <button
                          type="button"
                          onClick={() =>
                            window.confirm(t('metrics.rules.confirmDelete', { name: r.name })) &&
                            run(call('metrics.deleteAlertRule', { id: r.id }))
                          }
                        >
                          {t('common.delete')}
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {canAct && editing === null && (
            <button type="button" onClick={() => setEditing('new')}>
              {t('metrics.rules.add')}
            </button>
          )}
          {editing !== null && (
            <RuleForm
              key={editing === 'new' ? 'new' : editing.id}
              rule={editing === 'new' ? null : editing}
              hosts={hosts}
              nameOf={nameOf}
              onDone={() => {
                setEditing(null);
                rules.reload();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

function RuleForm({
  rule,
  hosts,
  nameOf,
  onDone,
}: {
  rule: AlertRule | null;
  hosts: readonly Host[];
  nameOf(id: number): string;
  onDone(): void;
}) {
  const t = useT();
  const [draft, setDraft] = useState<RuleDraft>(() => draftOf(rule, nameOf));
  const [error, setError] = useState('');
  const set = <K extends keyof RuleDraft>(k: K, v: RuleDraft[K]) => setDraft({ ...draft, [k]: v });
  const save = async () => {
    const { unknownHosts, change } = ruleChange(draft, (n) => hosts.find((h) => h.name === n)?.id);
    if (unknownHosts.length > 0) return setError(t('metrics.rules.unknownHosts', { names: unknownHosts.join(', ') }));
    try {
      await call('metrics.saveAlertRule', rule ? { id: rule.id, ...change } : change);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const text = (k: 'name' | 'threshold' | 'forMinutes' | 'hosts' | 'clusters' | 'tags', label: string) => (
    <label>
      {label}
      <input value={draft[k]} onChange={(e) => set(k, e.target.value)} />
    </label>
  );
  return (
    <form
      className="rule-form"
      aria-label={rule ? t('metrics.rules.editTitle', { name: rule.name }) : t('metrics.rules.add')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => e.key === 'Escape' && onDone()}
    >
      {text('name', t('metrics.rules.name'))}
      <label>
        {t('metrics.rules.kind')}
        <select value={draft.kind} onChange={(e) => set('kind', e.target.value as RuleDraft['kind'])}>
          {(['threshold', 'unreachable', 'vmState', 'bmc'] as const).map((k) => (
            <option key={k} value={k}>
              {t(`metrics.rules.kind.${k}`)}
            </option>
          ))}
        </select>
      </label>
      {draft.kind === 'threshold' && (
        <>
          <label>
            {t('metrics.rules.metric')}
            <select value={draft.metric} onChange={(e) => set('metric', e.target.value)}>
              {[...new Set([...RULE_METRICS, draft.metric])].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('metrics.rules.op')}
            <select value={draft.op} onChange={(e) => set('op', e.target.value as RuleDraft['op'])}>
              <option value="above">{t('metrics.rules.op.above')}</option>
              <option value="below">{t('metrics.rules.op.below')}</option>
            </select>
          </label>
          {text('threshold', t('metrics.rules.threshold'))}
        </>
      )}
      {text('forMinutes', t('metrics.rules.forMinutes'))}
      {text('hosts', t('metrics.rules.hosts'))}
      {text('clusters', t('metrics.rules.clusters'))}
      {text('tags', t('metrics.rules.tags'))}
      <label>
        {t('metrics.rules.quietFrom')}
        <input type="time" value={draft.quietFrom} onChange={(e) => set('quietFrom', e.target.value)} />
      </label>
      <label>
        {t('metrics.rules.quietTo')}
        <input type="time" value={draft.quietTo} onChange={(e) => set('quietTo', e.target.value)} />
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.enabled} onChange={(e) => set('enabled', e.target.checked)} />
        {t('metrics.rules.enabled')}
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="rule-form-actions">
        <button type="submit" className="primary">
          {t('common.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
