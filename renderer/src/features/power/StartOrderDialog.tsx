import { useState, type FormEvent } from 'react';
import type { HostStartup } from '../../../../common/contract/power';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { StartupFields } from '../../ui/StartupFields';
import { startupChange, startupDraftOf, validStartup, type StartupDraft } from '../../ui/startupDraft';

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
        <StartupFields
          draft={draft}
          onEdit={edit}
          fieldClass="pw-field"
          autoFocus
          labels={{
            order: t('power.startup.order'),
            noOrder: t('power.startup.noOrder'),
            upDelay: t('power.startup.upDelay'),
            downDelay: t('power.startup.downDelay'),
          }}
        />
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
