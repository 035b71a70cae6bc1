import { useEffect } from 'react';
import { formatMetric } from '../../../../common/domain/metricUnits';
import { useT } from '../../i18n/i18n';
import { showLiveRow, useHostOverview } from './overviewStore';
import { Sparkline } from './Sparkline';
// The inventory shows these before the (lazily loaded) Metrics view has brought its styles.
import './metrics.css';

/**
 * A host's up/down dot and CPU and memory sparklines for an inventory row (table or tree). Decorative for
 * assistive technology (the row's name stays the host's name); the tooltip says the state, since when, and the
 * latest CPU and memory. While mounted the host counts as visible, so its numbers come every few seconds.
 */
export function HostPulse({ hostId, compact = false }: { hostId: number; compact?: boolean }) {
  const t = useT();
  const o = useHostOverview(hostId);
  useEffect(() => showLiveRow(hostId), [hostId]);
  if (!o) return null;
  const r = o.reachability;
  const cpu = o.values['cpu.percent'] ?? o.values['vm.cpuPercentVcpus'];
  const mem = o.values['mem.percent'] ?? o.spark.mem.at(-1);
  const title = [
    t(`metrics.state.${r.state}`) +
      (r.since ? ` ${t('metrics.since', { time: new Date(r.since).toLocaleString() })}` : ''),
    cpu === undefined ? '' : `CPU ${formatMetric('cpu.percent', cpu)}`,
    mem === undefined ? '' : `${t('metrics.chart.mem')} ${formatMetric('mem.percent', mem)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span
      className={`host-pulse${compact ? ' host-pulse-compact' : ''}`}
      data-reach={r.state}
      title={title}
      aria-hidden="true"
    >
      <span className={`reach reach-${r.state}`} />
      <Sparkline values={o.spark.cpu} label="" series="cpu" />
      <Sparkline values={o.spark.mem} label="" series="mem" />
    </span>
  );
}
