import { useCallback, useEffect, useState } from 'react';
import type { PowerSequence, ResolvedHost } from '../../../../common/contract/power';
import { DESTRUCTIVE_ACTIONS } from '../../../../common/domain/power';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { ConfirmHostsDialog } from '../../ui/ConfirmHostsDialog';
import { sequenceTargets } from './sequenceTargets';
import { SequenceEditorDialog } from './SequenceEditorDialog';
import type { useBulkOperation } from '../../ui/useBulkOperation';

type Start = ReturnType<typeof useBulkOperation>['start'];

interface SequencesPanelProps {
  clusters: readonly string[];
  canAct: boolean;
  start: Start;
  busy: boolean;
}

type Modal =
  | { kind: 'edit'; sequence: PowerSequence | null }
  | { kind: 'delete'; sequence: PowerSequence }
  | { kind: 'run'; sequence: PowerSequence; hosts: ResolvedHost[] };

/** Ordered power sequences per cluster: list, create/edit, delete, and run with live progress. */
export function SequencesPanel({ clusters, canAct, start, busy }: SequencesPanelProps) {
  const t = useT();
  const [cluster, setCluster] = useState('');
  const [sequences, setSequences] = useState<PowerSequence[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [modal, setModal] = useState<Modal | null>(null);

  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  useEffect(() => {
    let live = true;
    call('power.listSequences', cluster ? { cluster } : {}).then(
      (list) => {
        if (!live) return;
        setSequences(list);
        setError(null);
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [cluster, generation]);

  const run = (sequence: PowerSequence, hosts: ResolvedHost[], forceProtected: string[]) => {
    setModal(null);
    const hostNames = hosts.map((h) => h.hostName);
    void start(
      (tr) => tr('power.seq.running', { name: sequence.name }),
      hostNames,
      async (operationId) => {
        const r = await call('power.runSequence', {
          id: sequence.id,
          operationId,
          confirm: { hostNames },
          forceProtected,
        });
        return r.stages.flatMap((stage, i) => stage.results.map((x) => ({ ...x, stage: i + 1 })));
      },
    );
  };

  const askRun = async (sequence: PowerSequence) => {
    setError(null);
    try {
      const hosts = await call('power.resolve', { targets: sequenceTargets(sequence) });
      if (DESTRUCTIVE_ACTIONS.includes(sequence.action)) setModal({ kind: 'run', sequence, hosts });
      else run(sequence, hosts, []);
    } catch (e) {
      setError(e);
    }
  };

  const remove = async (sequence: PowerSequence) => {
    setModal(null);
    try {
      await call('power.deleteSequence', { id: sequence.id });
    } catch (e) {
      setError(e);
    }
    reload();
  };

  return (
    <section className="pw-panel" aria-label={t('power.seq.title')}>
      <header className="pw-panel-header">
        <h2>{t('power.seq.title')}</h2>
        <label className="pw-field pw-inline">
          <span>{t('power.seq.cluster')}</span>
          <select value={cluster} onChange={(e) => setCluster(e.target.value)}>
            <option value="">{t('power.seq.allClusters')}</option>
            {clusters.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <span className="pw-spacer" />
        {canAct && (
          <button type="button" className="pw-button" onClick={() => setModal({ kind: 'edit', sequence: null })}>
            {t('power.seq.new')}
          </button>
        )}
      </header>
      <ErrorBanner error={error} />
      {sequences && sequences.length === 0 && <p className="pw-empty">{t('power.seq.none')}</p>}
      {sequences && sequences.length > 0 && (
        <table className="pw-table" aria-label={t('power.seq.title')}>
          <thead>
            <tr>
              <th>{t('power.seq.name')}</th>
              <th>{t('power.seq.cluster')}</th>
              <th>{t('power.seq.action')}</th>
              <th>{t('power.seq.stages')}</th>
              {canAct && <th className="pw-num">{t('power.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {sequences.map((s) => (
              <tr key={s.id} data-sequence={s.name}>
                <td>{s.name}</td>
                <td>{s.cluster ?? t('common.none')}</td>
                <td>{t(`power.action.${s.action}`)}</td>
                <td>
                  <ol className="pw-stage-summary">
                    {s.stages.map((stage, i) => (
                      <li key={i}>
                        <span className="pw-mono">{stage.targets.join(', ')}</span>
                        {stage.sshWaitSec > 0 && (
                          <span className="pw-muted"> {t('power.seq.thenSsh', { sec: stage.sshWaitSec })}</span>
                        )}
                        {stage.waitAfterSec > 0 && (
                          <span className="pw-muted"> {t('power.seq.thenWait', { sec: stage.waitAfterSec })}</span>
                        )}
                      </li>
                    ))}
                  </ol>
                </td>
                {canAct && (
                  <td className="pw-num pw-nowrap">
                    <button
                      type="button"
                      className="pw-button pw-small pw-primary"
                      disabled={busy}
                      onClick={() => void askRun(s)}
                    >
                      {t('power.seq.run')}
                    </button>{' '}
                    <button
                      type="button"
                      className="pw-button pw-small"
                      onClick={() => setModal({ kind: 'edit', sequence: s })}
                    >
                      {t('common.edit')}
                    </button>{' '}
                    <button
                      type="button"
                      className="pw-button pw-small"
                      onClick={() => setModal({ kind: 'delete', sequence: s })}
                    >
                      {t('common.delete')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {modal?.kind === 'edit' && (
        <SequenceEditorDialog
          sequence={modal.sequence}
          clusters={clusters}
          defaultCluster={cluster || null}
          onClose={() => setModal(null)}
          onSaved={() => {
            setModal(null);
            reload();
          }}
        />
      )}
      {modal?.kind === 'delete' && (
        <Dialog
          title={t('power.seq.deleteTitle')}
          onClose={() => setModal(null)}
          closeLabel={t('common.close')}
          size="small"
        >
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void remove(modal.sequence);
            }}
          >
            <p>{t('power.seq.deleteText', { name: modal.sequence.name })}</p>
            <div className="pw-dialog-actions">
              <button type="button" className="pw-button" onClick={() => setModal(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="pw-button pw-danger" data-autofocus>
                {t('common.delete')}
              </button>
            </div>
          </form>
        </Dialog>
      )}
      {modal?.kind === 'run' && (
        <ConfirmHostsDialog
          title={t('power.seq.confirmTitle', { name: modal.sequence.name })}
          actionLabel={t(`power.action.${modal.sequence.action}`)}
          consequence={t(`power.consequence.${modal.sequence.action}`)}
          hosts={modal.hosts}
          onClose={() => setModal(null)}
          onConfirm={(force) => run(modal.sequence, modal.hosts, force)}
        />
      )}
    </section>
  );
}
