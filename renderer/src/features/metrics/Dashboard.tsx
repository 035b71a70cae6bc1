import { useState, type ReactNode } from 'react';
import { formatMetric } from '../../../../common/domain/metricUnits';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../app/navigation';
import { AlertList } from './AlertList';
import { AlertRules } from './AlertRules';
import { Sparkline } from './Sparkline';
import { StorageFooter } from './StorageFooter';
import { usePolled } from './metricsData';

type By = 'cpu' | 'mem' | 'disk' | 'net';
const VM_KEY: Record<By, string> = {
  cpu: 'vm.cpuPercentHost',
  mem: 'vm.memRssBytes',
  disk: 'vm.diskReadBps',
  net: 'vm.netRxBps',
};

/**
 * The fleet at a glance: what is down, what is busy, VM overcommit, recent alerts; everything links to the host.
 * `cards` are the app's cards from other features (BMC health), shown after what is down.
 */
export function Dashboard({ cards }: { cards?: ReactNode }) {
  const t = useT();
  const [by, setBy] = useState<By>('cpu');
  // The server ranks every host and sends what is shown here (the overview of a 10,000-host inventory was
  // megabytes every 3 s).
  const view = usePolled(() => call('metrics.dashboard', { top: 10 }), 3000, ['metrics.reachability']);
  const alerts = usePolled(() => call('metrics.alerts', { limit: 50 }), 10_000, ['metrics.alert']);
  const down = view.value?.down ?? [];
  const busiest = view.value?.busiest ?? [];
  const vms = view.value?.vms[by] ?? [];
  const overcommit = view.value?.overcommit ?? [];
  const open = (hostId: number) => navigate({ view: 'metrics', hostId });

  return (
    <div className="dashboard">
      <h1>{t('metrics.dashboard')}</h1>
      <div className="dash-grid">
        <section className="dash-card" aria-label={t('metrics.hostsDown')}>
          <h2>
            {t('metrics.hostsDown')} <span className={down.length ? 'badge' : 'badge badge-ok'}>{down.length}</span>
          </h2>
          {down.length === 0 ? (
            <p className="muted">{t('metrics.noneDown')}</p>
          ) : (
            <ul className="dash-list">
              {down.map((h) => (
                <li key={h.hostId} data-host={h.hostName}>
                  <button type="button" className="link" onClick={() => open(h.hostId)}>
                    {h.hostName}
                  </button>{' '}
                  <span className="muted">
                    {h.reachability.since &&
                      t('metrics.since', { time: new Date(h.reachability.since).toLocaleString() })}{' '}
                    {h.reachability.message}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        {cards}
        <section className="dash-card" aria-label={t('metrics.topHosts')}>
          <h2>{t('metrics.topHosts')}</h2>
          {busiest.length === 0 ? (
            <p className="muted">{t('metrics.noData')}</p>
          ) : (
            <table className="dash-table">
              <tbody>
                {busiest.map((h) => (
                  <tr key={h.hostId} data-host={h.hostName}>
                    <td>
                      <span
                        className={`reach reach-${h.reachability.state}`}
                        title={t(`metrics.state.${h.reachability.state}`)}
                      />
                      <button type="button" className="link" onClick={() => open(h.hostId)}>
                        {h.hostName}
                      </button>
                    </td>
                    <td>
                      <Sparkline values={h.spark.cpu} label={`${h.hostName} CPU`} />
                    </td>
                    <td className="num">{formatMetric('cpu.percent', h.values['cpu.percent']!)}</td>
                    <td>
                      <Sparkline values={h.spark.mem} label={`${h.hostName} memory`} />
                    </td>
                    <td className="num">
                      {h.values['mem.percent'] === undefined
                        ? ''
                        : formatMetric('mem.percent', h.values['mem.percent'])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="dash-card" aria-label={t('metrics.topVms')}>
          <h2>
            {t('metrics.topVms')}
            <span className="seg" role="group">
              {(['cpu', 'mem', 'disk', 'net'] as By[]).map((b) => (
                <button key={b} type="button" aria-pressed={b === by} onClick={() => setBy(b)}>
                  {t(`metrics.by.${b}`)}
                </button>
              ))}
            </span>
          </h2>
          {vms.length === 0 ? (
            <p className="muted">{t('metrics.noVms')}</p>
          ) : (
            <table className="dash-table">
              <tbody>
                {vms.map((h) => (
                  <tr key={h.hostId} data-host={h.hostName}>
                    <td>
                      <button type="button" className="link" onClick={() => open(h.hostId)}>
                        {h.hostName}
                      </button>
                    </td>
                    <td className="num">{formatMetric(VM_KEY[by], h.value)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {overcommit.length > 0 && (
            <>
              <h3>{t('metrics.overcommit')}</h3>
              <ul className="dash-list">
                {overcommit.map((o) => (
                  <li key={o.host}>{t('metrics.overcommitLine', o)}</li>
                ))}
              </ul>
            </>
          )}
        </section>
        <AlertList alerts={alerts.value} onChange={alerts.reload} />
        <AlertRules />
      </div>
      <StorageFooter />
    </div>
  );
}
