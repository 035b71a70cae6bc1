import { useMemo, useState, type ReactNode } from 'react';
import { formatMetric } from '../../../../common/domain/metricUnits';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../app/navigation';
import { AlertList } from './AlertList';
import { AlertRules } from './AlertRules';
import { Sparkline } from './Sparkline';
import { StorageFooter } from './StorageFooter';
import { usePolled, type Overview } from './metricsData';

type By = 'cpu' | 'mem' | 'disk' | 'net';
const VM_VALUE: Record<By, (v: Record<string, number>) => number | undefined> = {
  cpu: (v) => v['vm.cpuPercentHost'],
  mem: (v) => v['vm.memRssBytes'] ?? v['vm.memBytes'],
  disk: (v) => sum(v['vm.diskReadBps'], v['vm.diskWriteBps']),
  net: (v) => sum(v['vm.netRxBps'], v['vm.netTxBps']),
};
const VM_KEY: Record<By, string> = {
  cpu: 'vm.cpuPercentHost',
  mem: 'vm.memRssBytes',
  disk: 'vm.diskReadBps',
  net: 'vm.netRxBps',
};
function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);
}

/**
 * The fleet at a glance: what is down, what is busy, VM overcommit, recent alerts; everything links to the host.
 * `cards` are the app's cards from other features (BMC health), shown after what is down.
 */
export function Dashboard({ cards }: { cards?: ReactNode }) {
  const t = useT();
  const [by, setBy] = useState<By>('cpu');
  const overview = usePolled(() => call('metrics.overview', {}), 3000, ['metrics.reachability']);
  const alerts = usePolled(() => call('metrics.alerts', { limit: 50 }), 10_000, ['metrics.alert']);
  const hosts = useMemo(() => overview.value ?? [], [overview.value]);
  const down = hosts.filter((h) => h.reachability.state === 'down');
  const vms = hosts
    .filter((h) => VM_VALUE[by](h.values) !== undefined)
    .sort((a, b) => VM_VALUE[by](b.values)! - VM_VALUE[by](a.values)!)
    .slice(0, 10);
  const busiest = hosts
    .filter((h) => h.values['cpu.percent'] !== undefined)
    .sort((a, b) => b.values['cpu.percent']! - a.values['cpu.percent']!)
    .slice(0, 10);
  const overcommit = overcommitOf(hosts);
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
                    <td className="num">{formatMetric(VM_KEY[by], VM_VALUE[by](h.values)!)}</td>
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
        <AlertRules hosts={hosts} />
      </div>
      <StorageFooter />
    </div>
  );
}

/**
 * vCPUs of a hypervisor's running VMs over its CPUs, where both are known. One pass over the hosts (it was a scan of
 * every host per hypervisor, every poll: millions of steps every 3 s for an inventory of 10,000).
 */
function overcommitOf(hosts: Overview) {
  const runningVcpus = new Map<number, number>();
  for (const h of hosts) {
    if (h.parentId === null || h.values['vm.state'] !== 1) continue;
    runningVcpus.set(h.parentId, (runningVcpus.get(h.parentId) ?? 0) + (h.values['vm.vcpus'] ?? 0));
  }
  const out: { host: string; vcpus: number; cpus: number; ratio: string }[] = [];
  for (const hv of hosts) {
    const cpus = hv.values['cpu.count'];
    if (!cpus) continue;
    const vcpus = runningVcpus.get(hv.hostId) ?? 0;
    if (vcpus > 0) out.push({ host: hv.hostName, vcpus, cpus, ratio: (vcpus / cpus).toFixed(1) });
  }
  return out;
}
