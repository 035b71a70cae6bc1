import { useMemo } from 'react';
import type { Sensor, SensorKind } from '../../../../common/domain/bmc';
import { SENSOR_KINDS } from '../../../../common/domain/bmc';
import { useLanguage, useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { LevelBadge } from '../../ui/StatusBadges';
import { useBmcQuery } from './useBmcQuery';

const SEVERITY = ['critical', 'warning', 'unknown', 'ok'] as const;

function num(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 100) / 100);
}

/** A threshold pair shown as `critical / warning`, with the non-recoverable one in its tooltip. */
function Limits({ critical, warning, nr }: { critical: number | null; warning: number | null; nr: number | null }) {
  const t = useT();
  if (critical === null && warning === null) return <span className="pw-muted">{t('common.none')}</span>;
  return (
    <span title={nr === null ? undefined : t('bmc.sensors.nonRecoverable', { value: num(nr) })}>
      <span className="bmc-limit-critical">{num(critical) || '–'}</span>
      <span className="pw-muted"> / </span>
      <span className="bmc-limit-warning">{num(warning) || '–'}</span>
    </span>
  );
}

/** Temperatures, fans, voltages, PSUs...: readings against their thresholds, worst first within each kind. */
export function SensorsTable({ hostId }: { hostId: number }) {
  const t = useT();
  const lang = useLanguage();
  const { data, error, loading, reload } = useBmcQuery('bmc.sensors', hostId);
  const groups = useMemo(() => {
    const byKind = new Map<SensorKind, Sensor[]>();
    for (const s of data?.sensors ?? []) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s]);
    const rank = (s: Sensor) => SEVERITY.indexOf(s.level);
    return SENSOR_KINDS.filter((k) => byKind.has(k)).map(
      (k) => [k, byKind.get(k)!.sort((a, b) => rank(a) - rank(b))] as const,
    );
  }, [data]);
  const counts = useMemo(() => {
    const c = { ok: 0, warning: 0, critical: 0, unknown: 0 };
    for (const s of data?.sensors ?? []) c[s.level]++;
    return c;
  }, [data]);

  return (
    <section className="pw-panel" aria-label={t('bmc.tab.sensors')}>
      <div className="pw-toolbar">
        {data && (
          <span className="bmc-counts" role="status">
            <LevelBadge level="ok" label={t('bmc.sensors.countOk', { count: counts.ok })} />
            {counts.warning > 0 && (
              <LevelBadge level="warning" label={t('bmc.sensors.countWarning', { count: counts.warning })} />
            )}
            {counts.critical > 0 && (
              <LevelBadge level="critical" label={t('bmc.sensors.countCritical', { count: counts.critical })} />
            )}
          </span>
        )}
        <span className="pw-spacer" />
        {data && (
          <span className="pw-muted">{t('bmc.readAt', { time: new Date(data.readAt).toLocaleTimeString(lang) })}</span>
        )}
        <button type="button" className="pw-button" onClick={reload} disabled={loading}>
          {t('bmc.refresh')}
        </button>
      </div>
      <ErrorBanner error={error} />
      {loading && !data && <p className="pw-empty">{t('common.loading')}</p>}
      {data && data.sensors.length === 0 && <p className="pw-empty">{t('bmc.sensors.none')}</p>}
      {groups.length > 0 && (
        <table className="pw-table bmc-sensors" aria-label={t('bmc.tab.sensors')}>
          <thead>
            <tr>
              <th>{t('bmc.sensors.status')}</th>
              <th>{t('bmc.sensors.name')}</th>
              <th className="pw-num">{t('bmc.sensors.reading')}</th>
              <th className="pw-num">{t('bmc.sensors.lower')}</th>
              <th className="pw-num">{t('bmc.sensors.upper')}</th>
              <th>{t('bmc.sensors.bmcStatus')}</th>
            </tr>
          </thead>
          {groups.map(([kind, sensors]) => (
            <tbody key={kind}>
              <tr className="bmc-group">
                <th colSpan={6} scope="rowgroup">
                  {t(`bmc.kind.${kind}`)}
                </th>
              </tr>
              {sensors.map((s) => (
                <tr key={s.name} data-sensor={s.name} data-level={s.level} className={`bmc-row-${s.level}`}>
                  <td>
                    <LevelBadge level={s.level} />
                  </td>
                  <td>{s.name}</td>
                  <td className="pw-num pw-mono">
                    {s.reading === null ? t('common.none') : `${num(s.reading)} ${s.unit}`}
                  </td>
                  <td className="pw-num pw-mono">
                    <Limits critical={s.thresholds.lc} warning={s.thresholds.lnc} nr={s.thresholds.lnr} />
                  </td>
                  <td className="pw-num pw-mono">
                    <Limits critical={s.thresholds.uc} warning={s.thresholds.unc} nr={s.thresholds.unr} />
                  </td>
                  <td className="pw-mono pw-muted">{s.status}</td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      )}
    </section>
  );
}
