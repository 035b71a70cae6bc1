import { useState, type FormEvent } from 'react';
import type { HostStartup } from '../../../../common/contract/power';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import {
  startupChange,
  startupDraftOf,
  validDelay,
  validOrder,
  validStartup,
  type StartupDraft,
} from '../../ui/startupDraft';

interface StartOrderDialogProps {
  startup: HostStartup;
  onSaved: () => void;
  onClose: () => void;
}

/**
 * Any host's start order and delays (bare metal included): what "In start order" and power sequences follow.
 * Saving sends only the fields the user changed.
 */
export function StartOrderDialog({ startup, onSaved, onClose }: StartOrderDialogProps) {
  const t = useT();
  const [draft, setDraft] = useState<StartupDraft>(() => startupDraftOf(startup));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const edit = (patch: Partial<StartupDraft>) => setDraft({ ...draft, ...patch });

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!validStartup(draft)) return;
    const change = startupChange(startup, draft);
    if (!Object.keys(change).length) return onClose();
    setBusy(true);
    setError(null);
    try {
      await call('power.setStartup', { target: startup.hostId, ...change });
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('power.startup.title', { name: startup.hostName })}
      onClose={onClose}
      closeLabel={t('common.close')}
      size="small"
      busy={busy}
    >
      <form onSubmit={(e) => void save(e)} className="pw-form">
        <p className="pw-muted">{t('power.startup.hint')}</p>
        <ErrorBanner error={error} />
        <label className="pw-field">
          {t('power.startup.order')}
          <input
            type="number"
            min={0}
            max={9999}
            value={draft.order}
            placeholder={t('power.startup.noOrder')}
            aria-invalid={!validOrder(draft.order)}
            data-autofocus
            onChange={(e) => edit({ order: e.target.value })}
          />
        </label>
        <label className="pw-field">
          {t('power.startup.upDelay')}
          <input
            type="number"
            min={0}
            max={3600}
            value={draft.up}
            aria-invalid={!validDelay(draft.up)}
            onChange={(e) => edit({ up: e.target.value })}
          />
        </label>
        <label className="pw-field">
          {t('power.startup.downDelay')}
          <input
            type="number"
            min={0}
            max={3600}
            value={draft.down}
            aria-invalid={!validDelay(draft.down)}
            onChange={(e) => edit({ down: e.target.value })}
          />
        </label>
        <div className="pw-dialog-actions">
          <button type="button" className="pw-button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="pw-button pw-primary" disabled={busy || !validStartup(draft)}>
            {t('power.startup.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
