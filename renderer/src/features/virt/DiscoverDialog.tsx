import { useState } from 'react';
import type { DiscoverResult } from '../../../../common/contract/virt';
import type { Host } from '../../../../common/domain/host';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { Dialog } from '../../ui/Dialog';
import { ErrorBanner } from '../../ui/ErrorBanner';

/**
 * Discovery in two steps, as import: a preview showing each domain's match and changes, then one write of
 * exactly that plan (re-read on the hypervisor, so nothing stale is written).
 */
export function DiscoverDialog({
  hosts,
  initialHostId,
  onDone,
  onClose,
}: {
  hosts: readonly Host[];
  initialHostId: number | null;
  onDone: (hypervisorId: number) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [hostId, setHostId] = useState<number | null>(initialHostId ?? hosts[0]?.id ?? null);
  const current = hosts.find((h) => h.id === hostId);
  const [uri, setUri] = useState(current?.hypervisor?.libvirtUri ?? 'qemu:///system');
  const [preview, setPreview] = useState<DiscoverResult | null>(null);
  const [done, setDone] = useState<DiscoverResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const run = async (write: boolean) => {
    if (hostId === null) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call(write ? 'virt.discover' : 'virt.preview', { host: hostId, uri });
      if (write) setDone(r);
      else setPreview(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const shown = done ?? preview;
  const changes = preview ? preview.created + preview.updated : 0;
  const summary = (r: DiscoverResult, key: string) =>
    t(key, { create: r.created, update: r.updated, unchanged: r.unchanged, missing: r.missing.length });

  return (
    <Dialog
      title={t('virt.discoverTitle')}
      onClose={onClose}
      size="large"
      busy={busy}
      closeLabel={t('common.close')}
      footer={
        done ? (
          <button type="button" data-autofocus onClick={() => onDone(done.hypervisor.hostId)}>
            {t('common.close')}
          </button>
        ) : (
          <>
            <button type="button" onClick={onClose} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="button" onClick={() => void run(false)} disabled={busy || hostId === null}>
              {t('virt.preview')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => void run(true)}
              disabled={busy || !preview || changes === 0}
            >
              {preview && changes === 0 ? t('virt.applyNothing') : t('virt.apply', { count: changes })}
            </button>
          </>
        )
      }
    >
      <div className="vt-form">
        <label>
          {t('virt.discoverHost')}
          <select
            value={hostId ?? ''}
            onChange={(e) => {
              const id = Number(e.target.value);
              setHostId(id);
              setUri(hosts.find((h) => h.id === id)?.hypervisor?.libvirtUri ?? 'qemu:///system');
              setPreview(null);
            }}
            disabled={busy || done !== null}
          >
            {hosts.map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('virt.discoverUri')}
          <input
            value={uri}
            onChange={(e) => {
              setUri(e.target.value);
              setPreview(null);
            }}
            disabled={busy || done !== null}
            spellCheck={false}
          />
        </label>
      </div>
      <ErrorBanner error={error} />
      {(busy || shown) && (
        <p role="status" className="vt-summary">
          {busy ? t('virt.working') : shown && summary(shown, done ? 'virt.doneSummary' : 'virt.previewSummary')}
        </p>
      )}
      {shown && (
        <>
          {shown.skipped.length > 0 && (
            <p className="vt-warning">{t('virt.skipped', { count: shown.skipped.length })}</p>
          )}
          {shown.missing.length > 0 && (
            <p className="vt-warning">
              {shown.missing.map((m) => m.hostName).join(', ')} — {t('virt.missingNote')}
            </p>
          )}
          <div className="vt-table-wrap">
            <table className="vt-table">
              <thead>
                <tr>
                  <th>{t('virt.col.name')}</th>
                  <th>{t('virt.col.action')}</th>
                  <th>{t('virt.col.host')}</th>
                  <th>{t('virt.col.matchedBy')}</th>
                  <th>{t('virt.col.changes')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.domains.map((d) => (
                  <tr key={d.uuid} data-action={d.action}>
                    <td>{d.name}</td>
                    <td>{t(`virt.action.${d.action}`)}</td>
                    <td>{d.hostName}</td>
                    <td>{d.matchedBy ? t(`virt.matchedBy.${d.matchedBy}`) : ''}</td>
                    <td>{d.changes.map((c) => c.field).join(', ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Dialog>
  );
}
