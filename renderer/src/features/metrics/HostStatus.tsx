import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { usePolled } from './metricsData';

/** Up/down since when, and why collection is not running when it is not. */
export function HostStatus({ hostId }: { hostId: number }) {
  const t = useT();
  const latest = usePolled(() => call('metrics.latest', { host: hostId }), 5000, ['metrics.reachability']);
  const l = latest.value;
  if (!l || l.hostId !== hostId) return null;
  const { reachability: r, collector: c } = l;
  return (
    <p className="host-status" data-reach={r.state}>
      <span className={`reach reach-${r.state}`} />
      {t(`metrics.state.${r.state}`)}
      {r.since && ` · ${t('metrics.since', { time: new Date(r.since).toLocaleString() })}`}
      {(c.state === 'failed' || c.state === 'retrying' || c.state === 'off') && (
        <span className="muted"> · {t(`metrics.collector.${c.state}`, { message: c.message })}</span>
      )}
    </p>
  );
}
