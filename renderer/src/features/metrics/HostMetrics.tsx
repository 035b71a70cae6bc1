import { useEffect, useMemo, useState } from 'react';
import { HISTORY_RANGES, type HistoryRange, type HostHistory } from '../../../../common/contract/metrics';
import { call, onEvent } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { appendSample, toColumns, type Columns } from './chartData';
import { MetricChart } from './MetricChart';
import { useWatch } from './metricsData';

interface ChartDef {
  id: string;
  titleKey: string;
  keys: string[];
  labels: string[];
}

const HOST_CHARTS: ChartDef[] = [
  { id: 'cpu', titleKey: 'metrics.chart.cpu', keys: ['cpu.percent', 'cpu.iowait'], labels: ['busy', 'iowait'] },
  { id: 'mem', titleKey: 'metrics.chart.mem', keys: ['mem.percent'], labels: ['used'] },
  { id: 'load', titleKey: 'metrics.chart.load', keys: ['load.1', 'load.5'], labels: ['1 min', '5 min'] },
  { id: 'net', titleKey: 'metrics.chart.net', keys: ['net.rxBps', 'net.txBps'], labels: ['rx', 'tx'] },
  { id: 'disk', titleKey: 'metrics.chart.disk', keys: ['disk.readBps', 'disk.writeBps'], labels: ['read', 'write'] },
];
const VM_CHARTS: ChartDef[] = [
  {
    id: 'vmcpu',
    titleKey: 'metrics.chart.vmCpu',
    keys: ['vm.cpuPercentVcpus', 'vm.cpuPercentHost'],
    labels: ['vCPUs', 'host'],
  },
  { id: 'vmmem', titleKey: 'metrics.chart.vmMem', keys: ['vm.memRssBytes'], labels: ['RSS'] },
  { id: 'vmnet', titleKey: 'metrics.chart.net', keys: ['vm.netRxBps', 'vm.netTxBps'], labels: ['rx', 'tx'] },
  {
    id: 'vmdisk',
    titleKey: 'metrics.chart.disk',
    keys: ['vm.diskReadBps', 'vm.diskWriteBps'],
    labels: ['read', 'write'],
  },
];
const RANGE_SEC: Record<HistoryRange, number> = { '15m': 900, '1h': 3600, '24h': 86400, '7d': 604800, '30d': 2592000 };
const LIVE: HistoryRange[] = ['15m', '1h'];

/** A host's (or VM's) charts: live for the short ranges, from the roll-up tiers for the long ones. */
export function HostMetrics({ hostId, isVm }: { hostId: number; isVm: boolean }) {
  const t = useT();
  const [range, setRange] = useState<HistoryRange>('15m');
  const [history, setHistory] = useState<HostHistory | null>(null);
  const [error, setError] = useState<unknown>(null);
  const charts = isVm ? VM_CHARTS : HOST_CHARTS;
  const live = LIVE.includes(range);
  const [columns, setColumns] = useState<Record<string, Columns>>({});
  useWatch(live ? [hostId] : []);

  useEffect(() => {
    let alive = true;
    call('metrics.history', { host: hostId, range, keys: charts.flatMap((c) => c.keys) }).then(
      (h) => {
        if (!alive) return;
        setHistory(h);
        setError(null);
        setColumns(Object.fromEntries(charts.map((c) => [c.id, toColumns(h.series, c.keys)])));
      },
      (e: unknown) => alive && setError(e),
    );
    return () => {
      alive = false;
    };
  }, [hostId, range, charts]);

  useEffect(() => {
    if (!live) return;
    return onEvent('metrics.sample', (s) => {
      if (s.hostId !== hostId) return;
      setColumns((prev) =>
        Object.fromEntries(
          charts.map((c) => [c.id, appendSample(prev[c.id] ?? [[]], c.keys, s.at / 1000, s.values, RANGE_SEC[range])]),
        ),
      );
    });
  }, [hostId, live, range, charts]);

  const step = useMemo(() => (history?.stepSec ? `${history.stepSec / 60} min` : ''), [history]);
  return (
    <section className="host-metrics">
      <div className="range-bar" role="group" aria-label={t('metrics.range')}>
        {HISTORY_RANGES.map((r) => (
          <button key={r} type="button" aria-pressed={r === range} onClick={() => setRange(r)}>
            {r}
          </button>
        ))}
        <span className="muted">{live ? t('metrics.live') : t('metrics.history', { step })}</span>
      </div>
      {error !== null && <ErrorBanner error={error} />}
      <div className="chart-grid">
        {charts.map((c) => (
          <MetricChart
            key={c.id}
            id={c.id}
            title={t(c.titleKey)}
            keys={c.keys}
            labels={c.labels}
            data={columns[c.id] ?? [[], ...c.keys.map(() => [])]}
          />
        ))}
      </div>
    </section>
  );
}
