import { formatMetric } from '../../../../common/domain/metricUnits';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { usePolled } from './metricsData';

const INTERVALS = [10, 30, 60, 300];

/** How big the history is on disk, and the background sampling interval (hosts no chart is showing). */
export function StorageFooter() {
  const t = useT();
  const settings = usePolled(() => call('metrics.settings', {}), 30_000);
  const s = settings.value;
  if (!s) return null;
  return (
    <footer className="dash-footer">
      <span data-storage-bytes={s.storage.bytes}>
        {t('metrics.storage', { size: formatMetric('x.sizeBytes', s.storage.bytes), series: s.storage.series })}
      </span>
      <label>
        {t('metrics.backgroundInterval')}{' '}
        <select
          value={s.backgroundIntervalSec}
          onChange={(e) =>
            void call('metrics.setSettings', { backgroundIntervalSec: Number(e.target.value) }).then(settings.reload)
          }
        >
          {[...new Set([...INTERVALS, s.backgroundIntervalSec])].map((sec) => (
            <option key={sec} value={sec}>
              {formatMetric('x.seconds', sec)}
            </option>
          ))}
        </select>
      </label>
    </footer>
  );
}
