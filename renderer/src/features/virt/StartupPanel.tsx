import { useCallback, useState, type FormEvent } from 'react';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';
import {
  startupChange,
  startupDraftOf,
  validDelay as seconds,
  validOrder as order,
  validStartup,
  type StartupDraft as Draft,
} from '../../ui/startupDraft';
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
        <label>
          {t('virt.startupOrder')}
          <input
            type="number"
            min={0}
            max={9999}
            value={draft.order}
            placeholder={t('virt.startupNoOrder')}
            aria-invalid={!order(draft.order)}
            disabled={!canAct || !value}
            onChange={(e) => edit({ order: e.target.value })}
          />
        </label>
        <label>
          {t('virt.startupUpDelay')}
          <input
            type="number"
            min={0}
            max={3600}
            value={draft.up}
            aria-invalid={!seconds(draft.up)}
            disabled={!canAct || !value}
            onChange={(e) => edit({ up: e.target.value })}
          />
        </label>
        <label>
          {t('virt.startupDownDelay')}
          <input
            type="number"
            min={0}
            max={3600}
            value={draft.down}
            aria-invalid={!seconds(draft.down)}
            disabled={!canAct || !value}
            onChange={(e) => edit({ down: e.target.value })}
          />
        </label>
        <button type="submit" disabled={!canAct || !value || !valid || busy}>
          {t('virt.startupSave')}
        </button>
      </form>
    </section>
  );
}
