import { useMemo, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { ConfirmHostsDialog } from '../../ui/ConfirmHostsDialog';
import { selFileName, selMatches, selToCsv } from './selCsv';
import { useBmcQuery } from './useBmcQuery';

type Direction = 'all' | 'asserted' | 'deasserted';

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The BMC's event log (SEL, or the IML on an iLO): filter, export as CSV, clear after confirmation. */
export function SelLog({ host, canAct }: { host: Host; canAct: boolean }) {
  const t = useT();
  const { data, error, loading, reload } = useBmcQuery('bmc.sel', host.id);
  const [filter, setFilter] = useState('');
  const [direction, setDirection] = useState<Direction>('all');
  const [confirming, setConfirming] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');

  const entries = useMemo(
    () =>
      (data?.entries ?? []).filter((e) => (direction === 'all' || e.direction === direction) && selMatches(e, filter)),
    [data, direction, filter],
  );

  const clear = async () => {
    setConfirming(false);
    setActionError(null);
    try {
      const r = await call('bmc.clearSel', { host: host.id, confirm: { hostNames: [host.name] } });
      setNotice(t('bmc.sel.cleared', { count: r.cleared }));
      reload();
    } catch (e) {
      setActionError(e);
    }
  };

  return (
    <section className="pw-panel" aria-label={t('bmc.tab.sel')}>
      <div className="pw-toolbar">
        <input
          type="search"
          className="pw-filter"
          placeholder={t('bmc.sel.filter')}
          aria-label={t('bmc.sel.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <select
          value={direction}
          onChange={(e) => setDirection(e.target.value as Direction)}
          aria-label={t('bmc.sel.direction')}
        >
          <option value="all">{t('bmc.sel.all')}</option>
          <option value="asserted">{t('bmc.sel.asserted')}</option>
          <option value="deasserted">{t('bmc.sel.deasserted')}</option>
        </select>
        <span className="pw-muted" role="status">
          {data ? t('bmc.sel.count', { count: entries.length, total: data.entries.length }) : ''}
        </span>
        <span className="pw-spacer" />
        <button type="button" className="pw-button" onClick={reload} disabled={loading}>
          {t('bmc.refresh')}
        </button>
        <button
          type="button"
          className="pw-button"
          disabled={entries.length === 0}
          onClick={() => download(selToCsv(entries), selFileName(host.name, new Date()))}
        >
          {t('bmc.sel.export')}
        </button>
        {canAct && (
          <button
            type="button"
            className="pw-button pw-warn"
            disabled={!data || data.entries.length === 0}
            onClick={() => setConfirming(true)}
          >
            {t('bmc.sel.clear')}
          </button>
        )}
      </div>
      <ErrorBanner error={error ?? actionError} />
      {notice && (
        <p className="pw-notice" role="status">
          {notice}
        </p>
      )}
      {loading && !data && <p className="pw-empty">{t('common.loading')}</p>}
      {data && data.entries.length === 0 && <p className="pw-empty">{t('bmc.sel.none')}</p>}
      {entries.length > 0 && (
        <table className="pw-table bmc-sel" aria-label={t('bmc.tab.sel')}>
          <thead>
            <tr>
              <th className="pw-num">{t('bmc.sel.id')}</th>
              <th>{t('bmc.sel.date')}</th>
              <th>{t('bmc.sel.time')}</th>
              <th>{t('bmc.sel.sensor')}</th>
              <th>{t('bmc.sel.event')}</th>
              <th>{t('bmc.sel.direction')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-sel={e.id}>
                <td className="pw-num pw-mono">{e.id}</td>
                <td className="pw-nowrap">{e.date}</td>
                <td className="pw-nowrap pw-mono">{e.time}</td>
                <td>{e.sensor}</td>
                <td>{e.event}</td>
                <td>
                  {e.direction === 'asserted' ? (
                    <span className="pw-badge pw-level-warning">
                      <span aria-hidden="true">▲</span> {t('bmc.sel.asserted')}
                    </span>
                  ) : e.direction === 'deasserted' ? (
                    <span className="pw-badge pw-level-ok">
                      <span aria-hidden="true">▼</span> {t('bmc.sel.deasserted')}
                    </span>
                  ) : (
                    t('common.none')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <ConfirmHostsDialog
          title={t('bmc.sel.clearTitle')}
          actionLabel={t('bmc.sel.clear')}
          consequence={t('bmc.sel.clearConsequence', { count: data?.entries.length ?? 0 })}
          hosts={[{ hostName: host.name, protected: host.protected }]}
          onClose={() => setConfirming(false)}
          onConfirm={() => void clear()}
        />
      )}
    </section>
  );
}
