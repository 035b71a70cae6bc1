import { useMemo } from 'react';
import { HEALTH_LEVELS } from '../../../common/domain/bmc';
import { useT } from '../i18n/i18n';
import { useHosts } from '../features/inventory/hostsStore';
import { navigate } from './navigation';
import { useHealthWatch } from './useHealthWatch';

/**
 * The dashboard's out-of-band card: every BMC's health from the bmc feature's watcher (polled only while the card
 * is visible), counted by level, with each BMC that is not fine listed and linked to its host's BMC page.
 * Composed here because the metrics and bmc features never import each other.
 */
export function BmcHealthCard() {
  const t = useT();
  const { hosts } = useHosts();
  const withBmc = useMemo(() => (hosts ?? []).filter((h) => h.bmc !== null), [hosts]);
  const health = useHealthWatch(useMemo(() => withBmc.map((h) => h.id), [withBmc]));
  const counts = HEALTH_LEVELS.map((level) => ({
    level,
    count: withBmc.filter((h) => (health.get(h.id)?.level ?? 'unknown') === level).length,
  })).filter((c) => c.count > 0);
  const troubled = withBmc
    .map((h) => ({ host: h, health: health.get(h.id) }))
    .filter(({ health: hh }) => hh && (hh.level !== 'ok' || !hh.reachable));
  const bad = troubled.some(({ health: hh }) => hh!.level === 'critical' || hh!.level === 'warning' || !hh!.reachable);

  return (
    <section className="dash-card" aria-label={t('app.bmcCard.title')}>
      <h2>
        {t('app.bmcCard.title')} <span className={bad ? 'badge' : 'badge badge-ok'}>{troubled.length}</span>
      </h2>
      {withBmc.length === 0 ? (
        <p className="muted">{t('app.bmcCard.none')}</p>
      ) : (
        <p className="muted">
          {t('app.bmcCard.summary', { count: withBmc.length })}{' '}
          {counts
            .map((c) => t('app.bmcCard.level', { count: c.count, level: t(`app.bmcCard.level.${c.level}`) }))
            .join(' · ')}
        </p>
      )}
      {troubled.length > 0 && (
        <ul className="dash-list">
          {troubled.map(({ host, health: hh }) => (
            <li key={host.id} data-host={host.name} data-level={hh!.level}>
              <button type="button" className="link" onClick={() => navigate({ view: 'power', hostId: host.id })}>
                {host.name}
              </button>{' '}
              <span className="muted">
                {hh!.reachable
                  ? `${t(`app.bmcCard.level.${hh!.level}`)}${hh!.worstSensor ? `: ${hh!.worstSensor}` : ''}`
                  : t('app.bmcCard.unreachable', { message: hh!.error?.message ?? '' })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
