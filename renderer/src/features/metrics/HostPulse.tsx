import { formatMetric } from '../../../../common/domain/metricUnits';
import { useT } from '../../i18n/i18n';
import { useHostOverview } from './overviewStore';
import { Sparkline } from './Sparkline';
// The inventory shows these before the (lazily loaded) Metrics view has brought its styles.
import './metrics.css';

/**
 * A host's up/down dot and CPU sparkline for a table row. Decorative for assistive technology (the row's name
 * stays the host's name); the tooltip says the state, since when, and the latest CPU and memory.
 */
export function HostPulse({ hostId }: { hostId: number }) {
  const t = useT();
  const o = useHostOverview(hostId);
  if (!o) return null;
  const r = o.reachability;
  const cpu = o.values['cpu.percent'] ?? o.values['vm.cpuPercentVcpus'];
  const mem = o.values['mem.percent'];
  const title = [
    t(`metrics.state.${r.state}`) +
      (r.since ? ` ${t('metrics.since', { time: new Date(r.since).toLocaleString() })}` : ''),
    cpu === undefined ? '' : `CPU ${formatMetric('cpu.percent', cpu)}`,
    mem === undefined ? '' : `${t('metrics.chart.mem')} ${formatMetric('mem.percent', mem)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <span className="host-pulse" data-reach={r.state} title={title} aria-hidden="true">
      <span className={`reach reach-${r.state}`} />
      <Sparkline values={o.spark.cpu} label="" />
    </span>
  );
}
