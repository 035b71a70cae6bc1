import { useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';

const LISTED = 8;

/** Asks before deleting; a protected host must be confirmed by typing its name (or the count, for several). */
export function DeleteDialog({ hosts, onClose }: { hosts: readonly Host[]; onClose: (deleted: boolean) => void }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const guarded = hosts.filter((h) => h.protected);
  const phrase = guarded.length === 1 ? guarded[0]!.name : String(guarded.length);
  const confirmed = guarded.length === 0 || typed.trim() === phrase;

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('inventory.removeHosts', { ids: hosts.map((h) => h.id) });
      onClose(true);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('inventory.delete.title', { count: hosts.length })}
      onClose={() => onClose(false)}
      size="small"
      busy={busy}
      closeLabel={t('common.close')}
      footer={
        <>
          <button type="button" onClick={() => onClose(false)} disabled={busy} data-autofocus>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn-danger primary"
            disabled={!confirmed || busy}
            onClick={() => void remove()}
          >
            {t('inventory.delete.confirm', { count: hosts.length })}
          </button>
        </>
      }
    >
      <ErrorBanner error={error} />
      <p>{t('inventory.delete.question', { count: hosts.length })}</p>
      <ul className="name-list">
        {hosts.slice(0, LISTED).map((h) => (
          <li key={h.id}>{h.name}</li>
        ))}
        {hosts.length > LISTED && (
          <li className="muted">{t('inventory.delete.more', { count: hosts.length - LISTED })}</li>
        )}
      </ul>
      {guarded.length > 0 && (
        <label className="field">
          <span>
            {guarded.length === 1
              ? t('inventory.delete.typeName', { name: phrase })
              : t('inventory.delete.typeCount', { count: guarded.length })}
          </span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
      )}
    </Dialog>
  );
}
