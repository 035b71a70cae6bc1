import { useEffect, useState, type ReactNode } from 'react';
import type { Host } from '../../../../common/domain/host';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../app/navigation';
import { resumeNotifications } from './browserNotifications';
import { Dashboard } from './Dashboard';
import { HostMetrics } from './HostMetrics';
import { HostStatus } from './HostStatus';
import './metrics.css';

/**
 * The Metrics view: the fleet dashboard (the app's home once hosts exist), or one host's charts when the route
 * names a host. `dashboardCards` are cards the app composes from other features.
 */
export function MetricsView({ hostId, dashboardCards }: { hostId: number | null; dashboardCards?: ReactNode }) {
  const t = useT();
  useEffect(resumeNotifications, []);
  const [h, setHost] = useState<Host | null>(null);
  useEffect(() => {
    let alive = true;
    if (hostId !== null) void call('inventory.getHost', { id: hostId }).then((found) => alive && setHost(found));
    return () => {
      alive = false;
    };
  }, [hostId]);
  if (hostId === null) return <Dashboard cards={dashboardCards} />;
  return (
    <div className="metrics-host">
      <div className="metrics-host-head">
        <button type="button" className="link" onClick={() => navigate({ view: 'metrics', hostId: null })}>
          ← {t('metrics.back')}
        </button>
        <h1>{t('metrics.hostTitle', { host: h?.name ?? `#${hostId}` })}</h1>
      </div>
      <HostStatus hostId={hostId} />
      {h?.id === hostId && (
        <HostMetrics key={hostId} hostId={hostId} isVm={h.kind === 'vm' && h.hypervisor?.domainName != null} />
      )}
    </div>
  );
}
