import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';

/** The quiet hours of every rule: no notifications in that window; alerts are still recorded and listed. */
export function QuietHoursEditor({ canAct }: { canAct: boolean }) {
  const t = useT();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [saved, setSaved] = useState<string>('');
  const [error, setError] = useState('');
  const show = (q: { from: string; to: string } | null) => {
    setFrom(q?.from ?? '');
    setTo(q?.to ?? '');
    setSaved(q ? `${q.from}–${q.to}` : '');
    setError('');
  };
  useEffect(() => {
    void call('metrics.settings', {}).then(
      (s) => show(s.quietHours),
      (e: Error) => setError(e.message),
    );
  }, []);
  const save = (quietHours: { from: string; to: string } | null) =>
    call('metrics.setSettings', { quietHours }).then(
      (s) => show(s.quietHours),
      (e: Error) => setError(e.message),
    );
  return (
    <form
      className="quiet-hours"
      aria-label={t('metrics.quiet.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void save({ from, to });
      }}
    >
      <span>{t('metrics.quiet.title')}</span>
      <span className="muted" data-quiet={saved}>
        {saved ? t('metrics.quiet.current', { window: saved }) : t('metrics.quiet.none')}
      </span>
      {canAct && (
        <>
          <label>
            {t('metrics.rules.quietFrom')}
            <input type="time" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </label>
          <label>
            {t('metrics.rules.quietTo')}
            <input type="time" value={to} onChange={(e) => setTo(e.target.value)} required />
          </label>
          <button type="submit">{t('common.save')}</button>
          <button type="button" onClick={() => void save(null)} disabled={!saved}>
            {t('metrics.quiet.off')}
          </button>
        </>
      )}
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </form>
  );
}
