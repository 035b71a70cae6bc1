import { useCallback, useState, type FormEvent } from 'react';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { StartupFields } from '../../ui/StartupFields';
import { startupChange, startupDraftOf, validStartup, type StartupDraft as Draft } from '../../ui/startupDraft';
import { useLoaded } from './useVirtCall';

/**
 * A host's start order and delays (Proxmox-like): used by "Start all" / "Shut down all" and by power sequences.
 * An empty order takes the host out of the order; saving sends only the fields the user changed.
 */
export function StartupPanel({ host, canAct }: { host: Host; canAct: boolean }) {
  const t = useT();
  const load = useCallback(async () => (await call('power.startup', { targets: [host.id] }))[0]!, [host.id]);
  const { value, error, reload } = useLoaded(load);
  // The user's edits; null shows what was read (a reload after saving shows the stored values).
  const [edited, setEdited] = useState<Draft | null>(null);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const draft = edited ?? startupDraftOf(value);
  const edit = (patch: Partial<Draft>) => setEdited({ ...draft, ...patch });
  const valid = validStartup(draft);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!value || !valid) return;
    const change = startupChange(value, draft);
    if (!Object.keys(change).length) return;
    setBusy(true);
    setSaveError(null);
    try {
      await call('power.setStartup', { target: host.id, ...change });
    } catch (err) {
      setSaveError(err);
    } finally {
      setBusy(false);
      setEdited(null);
      reload();
    }
  };

  return (
    <section className="vt-section" aria-labelledby="vt-startup">
      <h3 id="vt-startup">{t('virt.startup')}</h3>
      <p className="vt-muted">{t('virt.startupHint')}</p>
      <ErrorBanner error={error ?? saveError} />
      <form className="vt-form" onSubmit={(e) => void save(e)}>
        <StartupFields
          draft={draft}
          onEdit={edit}
          disabled={!canAct || !value}
          labels={{
            order: t('virt.startupOrder'),
            noOrder: t('virt.startupNoOrder'),
            upDelay: t('virt.startupUpDelay'),
            downDelay: t('virt.startupDownDelay'),
          }}
        />
        <button type="submit" disabled={!canAct || !value || !valid || busy}>
          {t('virt.startupSave')}
        </button>
      </form>
    </section>
  );
}
