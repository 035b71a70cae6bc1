import { useCallback, useState, type FormEvent } from 'react';
import type { Host } from '../../../../common/domain/host';
import { SNAPSHOT_KINDS, type SnapshotKind } from '../../../../common/domain/virt';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ApiError } from '../../lib/apiError';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { ConfirmDialog } from './ConfirmDialog';
import { useLoaded } from './useVirtCall';

type Pending = { kind: 'revert' | 'delete'; name: string } | null;

/** A VM's snapshots: take one (with memory when running), revert to or delete one after a confirmation. */
export function SnapshotsPanel({ vm, canAct }: { vm: Host; canAct: boolean }) {
  const t = useT();
  const load = useCallback(() => call('virt.snapshots', { vm: vm.id }), [vm.id]);
  const { value, error, reload } = useLoaded(load);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<SnapshotKind>('internal');
  const [force, setForce] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [forceOffered, setForceOffered] = useState(false);

  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    setActionError(null);
    try {
      await run();
      setForceOffered(false);
    } catch (e) {
      setActionError(e);
      if (e instanceof ApiError && (e.details as { forceOffered?: boolean } | undefined)?.forceOffered)
        setForceOffered(true);
    } finally {
      setBusy(false);
      reload();
    }
  };
  const create = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    void act(async () => {
      await call('virt.snapshotCreate', { vm: vm.id, name: name.trim(), description, kind });
      setName('');
      setDescription('');
    });
  };
  const confirm = () => {
    if (!pending) return;
    const p = pending;
    setPending(null);
    void act(() =>
      p.kind === 'revert'
        ? call('virt.snapshotRevert', { vm: vm.id, name: p.name, force, confirmed: true })
        : call('virt.snapshotDelete', { vm: vm.id, name: p.name, confirmed: true }),
    );
  };

  return (
    <section className="vt-section" aria-labelledby="vt-snapshots">
      <h3 id="vt-snapshots">{t('virt.snapshots')}</h3>
      <ErrorBanner error={error ?? actionError} />
      {value && value.length === 0 && <p className="vt-muted">{t('virt.noSnapshots')}</p>}
      {value && value.length > 0 && (
        <table className="vt-table">
          <thead>
            <tr>
              <th>{t('virt.col.name')}</th>
              <th>{t('virt.col.kind')}</th>
              <th>{t('virt.col.created')}</th>
              <th>{t('virt.col.state')}</th>
              <th>{t('virt.col.parent')}</th>
              <th>{t('virt.col.description')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {value.map((s) => (
              <tr key={s.name} data-snapshot={s.name}>
                <td>
                  {s.name} {s.current && <span className="vt-badge">{t('virt.current')}</span>}
                </td>
                <td>{t(`virt.snapshotKind.${s.kind}`)}</td>
                <td>{s.createdAt ? new Date(s.createdAt).toLocaleString() : ''}</td>
                <td>{s.state}</td>
                <td>{s.parent}</td>
                <td>{s.description}</td>
                <td className="vt-actions">
                  <button
                    type="button"
                    disabled={!canAct || busy}
                    onClick={() => setPending({ kind: 'revert', name: s.name })}
                  >
                    {t('virt.snapshotRevert')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    disabled={!canAct || busy}
                    onClick={() => setPending({ kind: 'delete', name: s.name })}
                  >
                    {t('virt.snapshotDelete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {forceOffered && (
        <label className="vt-inline">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          {t('virt.snapshotForce')}
        </label>
      )}
      {canAct && (
        <form className="vt-form vt-inline" onSubmit={create}>
          <input
            aria-label={t('virt.snapshotName')}
            placeholder={t('virt.snapshotName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
          />
          <input
            aria-label={t('virt.snapshotDescription')}
            placeholder={t('virt.snapshotDescription')}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <select
            aria-label={t('virt.snapshotKindLabel')}
            title={t('virt.snapshotKindHint')}
            value={kind}
            onChange={(e) => setKind(e.target.value as SnapshotKind)}
          >
            {SNAPSHOT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`virt.snapshotKind.${k}`)}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy || !name.trim()}>
            {busy ? t('virt.working') : t('virt.snapshotCreate')}
          </button>
        </form>
      )}
      {pending && (
        <ConfirmDialog
          message={t(pending.kind === 'revert' ? 'virt.confirm.revert' : 'virt.confirm.delete', {
            vm: vm.name,
            name: pending.name,
          })}
          onConfirm={confirm}
          onClose={() => setPending(null)}
        />
      )}
    </section>
  );
}
