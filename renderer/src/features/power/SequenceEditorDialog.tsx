import { useState, type FormEvent } from 'react';
import type { PowerSequence } from '../../../../common/contract/power';
import { POWER_ACTIONS, type PowerAction } from '../../../../common/domain/power';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { parseTargets } from './sequenceTargets';

interface StageDraft {
  targets: string;
  wait: string;
  /** Seconds to wait for each host's SSH once it is on; 0: do not wait. */
  sshWait: string;
}

const seconds = (text: string) => {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= 3600;
};

interface SequenceEditorDialogProps {
  sequence: PowerSequence | null;
  clusters: readonly string[];
  defaultCluster: string | null;
  onSaved: () => void;
  onClose: () => void;
}

/** Creates or edits an ordered sequence: stages of targets, each followed by a wait (storage before compute). */
export function SequenceEditorDialog({
  sequence,
  clusters,
  defaultCluster,
  onSaved,
  onClose,
}: SequenceEditorDialogProps) {
  const t = useT();
  const [name, setName] = useState(sequence?.name ?? '');
  const [cluster, setCluster] = useState(sequence?.cluster ?? defaultCluster ?? '');
  const [action, setAction] = useState<PowerAction>(sequence?.action ?? 'on');
  const [stages, setStages] = useState<StageDraft[]>(
    sequence?.stages.map((s) => ({
      targets: s.targets.join(', '),
      wait: String(s.waitAfterSec),
      sshWait: String(s.sshWaitSec),
    })) ?? [{ targets: '', wait: '0', sshWait: '0' }],
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const stageValid = (s: StageDraft) => parseTargets(s.targets).length > 0 && seconds(s.wait) && seconds(s.sshWait);
  const valid = name.trim().length > 0 && stages.length > 0 && stages.every(stageValid);

  const update = (i: number, patch: Partial<StageDraft>) =>
    setStages((prev) => prev.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  const move = (i: number, by: number) =>
    setStages((prev) => {
      const next = [...prev];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    try {
      await call('power.saveSequence', {
        ...(sequence ? { id: sequence.id } : {}),
        name: name.trim(),
        cluster: cluster.trim() || null,
        action,
        stages: stages.map((s) => ({
          targets: parseTargets(s.targets),
          waitAfterSec: Number(s.wait),
          sshWaitSec: Number(s.sshWait),
        })),
      });
      onSaved();
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t(sequence ? 'power.seq.editTitle' : 'power.seq.newTitle')}
      onClose={onClose}
      closeLabel={t('common.close')}
      size="large"
      busy={busy}
    >
      <form onSubmit={(e) => void submit(e)} className="pw-form">
        <div className="pw-form-row">
          <label className="pw-field">
            <span>{t('power.seq.name')}</span>
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} data-autofocus />
          </label>
          <label className="pw-field">
            <span>{t('power.seq.cluster')}</span>
            <input value={cluster} onChange={(e) => setCluster(e.target.value)} list="pw-clusters" maxLength={64} />
            <datalist id="pw-clusters">
              {clusters.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          </label>
          <label className="pw-field">
            <span>{t('power.seq.action')}</span>
            <select value={action} onChange={(e) => setAction(e.target.value as PowerAction)}>
              {POWER_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`power.action.${a}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ol className="pw-stages">
          {stages.map((s, i) => (
            <li key={i} className="pw-stage">
              <span className="pw-stage-number">{t('power.seq.stage', { n: i + 1 })}</span>
              <label className="pw-field pw-grow">
                <span>{t('power.seq.targets')}</span>
                <input
                  value={s.targets}
                  onChange={(e) => update(i, { targets: e.target.value })}
                  placeholder={t('power.seq.targetsHint')}
                  aria-invalid={parseTargets(s.targets).length === 0}
                  spellCheck={false}
                />
              </label>
              <label className="pw-field pw-wait">
                <span>{t('power.seq.waitAfter')}</span>
                <input
                  type="number"
                  min={0}
                  max={3600}
                  value={s.wait}
                  onChange={(e) => update(i, { wait: e.target.value })}
                />
              </label>
              <label className="pw-field pw-wait" title={t('power.seq.sshWaitHint')}>
                <span>{t('power.seq.sshWait')}</span>
                <input
                  type="number"
                  min={0}
                  max={3600}
                  value={s.sshWait}
                  aria-invalid={!seconds(s.sshWait)}
                  onChange={(e) => update(i, { sshWait: e.target.value })}
                />
              </label>
              <div className="pw-stage-buttons">
                <button
                  type="button"
                  className="pw-button pw-small"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={t('power.seq.moveUp', { n: i + 1 })}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="pw-button pw-small"
                  disabled={i === stages.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={t('power.seq.moveDown', { n: i + 1 })}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="pw-button pw-small"
                  disabled={stages.length === 1}
                  onClick={() => setStages((prev) => prev.filter((_, j) => j !== i))}
                  aria-label={t('power.seq.removeStage', { n: i + 1 })}
                >
                  ×
                </button>
              </div>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="pw-button"
          onClick={() => setStages((prev) => [...prev, { targets: '', wait: '0', sshWait: '0' }])}
          disabled={stages.length >= 50}
        >
          {t('power.seq.addStage')}
        </button>
        <ErrorBanner error={error} />
        <div className="pw-dialog-actions">
          <button type="button" className="pw-button" onClick={onClose} disabled={busy}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="pw-button pw-primary" disabled={!valid || busy}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
