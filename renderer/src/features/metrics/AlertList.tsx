import { useState } from 'react';
import { call, transportKind } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { navigate } from '../../app/navigation';
import type { AlertList as Alerts } from './metricsData';
import { notificationsEnabled, setNotificationsEnabled } from './browserNotifications';

/** Alerts with their state, acknowledge buttons, and (under `serve`) the opt-in for browser notifications. */
export function AlertList({ alerts, onChange }: { alerts: Alerts | null; onChange(): void }) {
  const t = useT();
  const [notify, setNotify] = useState(notificationsEnabled());
  const [denied, setDenied] = useState(false);
  return (
    <section className="dash-card dash-alerts" aria-label={t('metrics.recentAlerts')}>
      <h2>
        {t('metrics.recentAlerts')}
        {alerts && alerts.unacknowledged > 0 && (
          <span className="badge" aria-label={t('metrics.alertsBadge', { count: alerts.unacknowledged })}>
            {alerts.unacknowledged}
          </span>
        )}
      </h2>
      {transportKind() === 'ws' && (
        <label className="notify-toggle">
          <input
            type="checkbox"
            checked={notify}
            onChange={async (e) => {
              const ok = await setNotificationsEnabled(e.target.checked);
              setNotify(ok && e.target.checked);
              setDenied(e.target.checked && !ok);
            }}
          />
          {t('metrics.notifications')}
          {denied && <span className="muted"> {t('metrics.notificationsDenied')}</span>}
        </label>
      )}
      {!alerts || alerts.alerts.length === 0 ? (
        <p className="muted">{t('metrics.noAlerts')}</p>
      ) : (
        <table className="dash-table">
          <thead>
            <tr>
              <th>{t('metrics.col.state')}</th>
              <th>{t('metrics.col.host')}</th>
              <th>{t('metrics.col.rule')}</th>
              <th>{t('metrics.col.message')}</th>
              <th>{t('metrics.col.since')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {alerts.alerts.slice(0, 20).map((a) => (
              <tr key={a.id} data-alert={a.id} className={`alert-${a.state}`}>
                <td>{t(`metrics.alert.state.${a.state}`)}</td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => navigate({ view: 'metrics', hostId: a.hostId })}
                  >
                    {a.label ? `${a.hostName} ${a.label}` : a.hostName}
                  </button>
                </td>
                <td>{a.ruleName}</td>
                <td>{a.message}</td>
                <td>{new Date(a.firedAt ?? a.startedAt).toLocaleString()}</td>
                <td>
                  {a.acknowledgedAt ? (
                    <span className="muted">{t('metrics.alert.acked')}</span>
                  ) : a.state !== 'resolved' ? (
                    <button
                      type="button"
                      onClick={() => void call('metrics.acknowledgeAlert', { id: a.id }).then(onChange)}
                    >
                      {t('metrics.alert.ack')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
