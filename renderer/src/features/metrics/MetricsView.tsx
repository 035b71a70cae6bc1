import { useEffect } from 'react';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../app/navigation';
import { resumeNotifications } from './browserNotifications';
import { Dashboard } from './Dashboard';
import { HostMetrics } from './HostMetrics';
import { usePolled } from './metricsData';
import './metrics.css';

/** The Metrics view: the fleet dashboard, or one host's charts when the route names a host. */
export function MetricsView({ hostId }: { hostId: number | null }) {
  const t = useT();
  useEffect(resumeNotifications, []);
  const host = usePolled(
    () => (hostId === null ? Promise.resolve(null) : call('inventory.getHost', { id: hostId })),
    60_000,
  );
  if (hostId === null) return <Dashboard />;
  const h = host.value;
  return (
    <div className="metrics-host">
      <div className="metrics-host-head">
        <button type="button" className="link" onClick={() => navigate({ view: 'metrics', hostId: null })}>
          ← {t('metrics.back')}
        </button>
        <h1>{t('metrics.hostTitle', { host: h?.name ?? `#${hostId}` })}</h1>
      </div>
      {h && <HostMetrics key={hostId} hostId={hostId} isVm={h.kind === 'vm' && h.hypervisor?.domainName != null} />}
    </div>
  );
}
