import { useT } from '../i18n/i18n';
import { ErrorBanner } from './ErrorBanner';
import { PowerBadge } from './StatusBadges';
import type { BulkOperation } from './useBulkOperation';

const PHASE_GLYPH = { queued: '…', sending: '→', waiting: '⧗', done: '✓', failed: '✕' } as const;

/** Live per-host progress of a bulk operation, then the per-host result table once the call returns. */
export function BulkProgressPanel({ op, onDismiss }: { op: BulkOperation; onDismiss: () => void }) {
  const t = useT();
  const failed = op.results?.filter((r) => !r.ok).length ?? 0;
  const staged = op.results?.some((r) => r.stage > 0) ?? false;
  const byName = new Map([...op.progress.values()].map((p) => [p.hostName, p]));
  return (
    <section className="pw-panel pw-bulk" aria-label={op.title(t)} aria-busy={op.running}>
      <header className="pw-panel-header">
        <h2>{op.title(t)}</h2>
        <span className="pw-muted" role="status">
          {op.running
            ? t('power.run.progress', { finished: op.finished, total: op.total })
            : op.results
              ? t('power.run.summary', { ok: op.results.length - failed, failed })
              : t('power.run.failed')}
        </span>
        <span className="pw-spacer" />
        {!op.running && (
          <button type="button" className="pw-button" onClick={onDismiss}>
            {t('common.close')}
          </button>
        )}
      </header>
      <progress max={Math.max(op.total, 1)} value={op.finished} aria-label={t('power.run.progressLabel')} />
      <ErrorBanner error={op.error} />
      {op.results ? (
        <table className="pw-table" aria-label={t('power.run.results')}>
          <thead>
            <tr>
              {staged && <th className="pw-num">{t('power.col.stage')}</th>}
              <th>{t('power.col.host')}</th>
              <th>{t('power.col.result')}</th>
              <th>{t('power.col.before')}</th>
              <th>{t('power.col.after')}</th>
              <th>{t('power.col.message')}</th>
              <th className="pw-num">{t('power.col.elapsed')}</th>
            </tr>
          </thead>
          <tbody>
            {op.results.map((r) => (
              <tr key={`${r.stage}-${r.hostId}`} data-host={r.hostName} data-ok={r.ok}>
                {staged && <td className="pw-num">{r.stage}</td>}
                <td className="pw-mono">{r.hostName}</td>
                <td>
                  <span className={`pw-badge ${r.ok ? 'pw-level-ok' : 'pw-level-critical'}`}>
                    <span aria-hidden="true">{r.ok ? '✓' : '✕'}</span>{' '}
                    {t(r.ok ? 'power.result.ok' : 'power.result.failed')}
                  </span>
                </td>
                <td>
                  <PowerBadge state={r.before} />
                </td>
                <td>
                  <PowerBadge state={r.after} />
                  {r.ok && !r.reached && <span className="pw-muted"> {t('power.result.notReached')}</span>}
                </td>
                <td className="pw-message">
                  {r.error ? `${t(`errors.${r.error.code}`)} ${r.error.message}` : t('common.none')}
                </td>
                <td className="pw-num">{(r.elapsedMs / 1000).toFixed(1)} s</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <table className="pw-table" aria-label={t('power.run.live')}>
          <thead>
            <tr>
              <th>{t('power.col.host')}</th>
              <th>{t('power.col.phase')}</th>
              <th>{t('power.col.power')}</th>
              <th>{t('power.col.message')}</th>
            </tr>
          </thead>
          <tbody>
            {op.hostNames.map((name) => {
              const p = byName.get(name);
              const phase = p?.phase ?? 'queued';
              return (
                <tr key={name} data-host={name} data-phase={phase}>
                  <td className="pw-mono">{name}</td>
                  <td>
                    <span className={`pw-phase pw-phase-${phase}`}>
                      <span aria-hidden="true">{PHASE_GLYPH[phase]}</span> {t(`power.phase.${phase}`)}
                    </span>
                  </td>
                  <td>{p ? <PowerBadge state={p.state} /> : t('common.none')}</td>
                  <td className="pw-message">{p?.message || t('common.none')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
