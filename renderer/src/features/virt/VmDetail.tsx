import { useCallback, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { navigate } from '../../app/navigation';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { useCanAct } from '../../app/useAppInfo';
import { ConfirmDialog } from './ConfirmDialog';
import { LifecycleButtons } from './LifecycleButtons';
import { SnapshotsPanel } from './SnapshotsPanel';
import { StartupPanel } from './StartupPanel';
import { StateBadge } from './StateBadge';
import { useDomainEvents } from './useDomainEvents';
import { useLifecycle } from './useLifecycle';
import { useLoaded } from './useVirtCall';
import type { VmActions } from './VirtView';
import { formatBytes, formatMiB } from './virtLogic';

/** One VM live from its hypervisor: overview, disks, NICs, pinning/NUMA, endpoints, snapshots, lifecycle. */
export function VmDetail({ vm, hypervisor, vmActions }: { vm: Host; hypervisor: Host | null; vmActions?: VmActions }) {
  const t = useT();
  const canAct = useCanAct();
  const load = useCallback(() => call('virt.domain', { vm: vm.id }), [vm.id]);
  const { value: d, error, loading, reload } = useLoaded(load);
  const lifecycle = useLifecycle(reload);
  useDomainEvents(hypervisor?.id ?? vm.parentId ?? 0, reload);
  const [autostartError, setAutostartError] = useState<unknown>(null);
  const paused = d?.state === 'paused';

  const setAutostart = async (on: boolean) => {
    setAutostartError(null);
    try {
      await call('virt.setAutostart', { vm: vm.id, on });
    } catch (e) {
      setAutostartError(e);
    }
    reload();
  };
  const suspendResume = async () => {
    try {
      await call(paused ? 'virt.resume' : 'virt.suspend', { vm: vm.id });
    } catch (e) {
      setAutostartError(e);
    }
    reload();
  };

  return (
    <section className="vt-panel" aria-label={vm.name}>
      <header className="vt-toolbar">
        {hypervisor && (
          <button type="button" onClick={() => navigate({ view: 'virt', hostId: hypervisor.id })}>
            ← {t('virt.back', { name: hypervisor.name })}
          </button>
        )}
        <h2>{vm.name}</h2>
        {d && <StateBadge state={d.state} reason={d.reason} />}
        <span className="vt-spacer" />
        {d && hypervisor && vmActions?.cell(d, hypervisor)}
        <LifecycleButtons disabled={!canAct || lifecycle.busy} onAction={(a) => lifecycle.request(a, [vm.name])} />
        <button type="button" disabled={!canAct || !d || d.state === 'shut off'} onClick={() => void suspendResume()}>
          {paused ? t('virt.resume') : t('virt.suspend')}
        </button>
        <button type="button" onClick={reload} disabled={loading}>
          {t('virt.refresh')}
        </button>
      </header>
      <ErrorBanner error={error ?? lifecycle.error ?? autostartError} />
      {d && (
        <div className="vt-detail">
          <section className="vt-section" aria-labelledby="vt-overview">
            <h3 id="vt-overview">{t('virt.overview')}</h3>
            <dl className="vt-facts">
              <dt>{t('virt.uuid')}</dt>
              <dd className="vt-mono">{d.uuid}</dd>
              <dt>{t('virt.col.vcpus')}</dt>
              <dd>{d.vcpus}</dd>
              <dt>{t('virt.col.memory')}</dt>
              <dd>
                {t('virt.memoryCurrent', { current: formatMiB(d.currentMemoryMiB), max: formatMiB(d.memoryMiB) })}
              </dd>
              <dt>{t('virt.persistent')}</dt>
              <dd>{d.persistent ? t('common.yes') : t('common.no')}</dd>
              <dt>{t('virt.autostart')}</dt>
              <dd>
                <input
                  type="checkbox"
                  aria-label={t('virt.autostart')}
                  checked={d.autostart ?? false}
                  disabled={!canAct}
                  onChange={(e) => void setAutostart(e.target.checked)}
                />
              </dd>
            </dl>
          </section>
          <section className="vt-section" aria-labelledby="vt-pinning">
            <h3 id="vt-pinning">{t('virt.pinning')}</h3>
            {d.pinning.vcpupin.length === 0 && !d.pinning.numaNodeset && !d.pinning.emulatorpin ? (
              <p className="vt-muted">{t('virt.notPinned')}</p>
            ) : (
              <ul className="vt-list">
                {d.pinning.vcpupin.map((p) => (
                  <li key={p.vcpu}>{t('virt.vcpupin', { vcpu: p.vcpu, cpuset: p.cpuset })}</li>
                ))}
                {d.pinning.emulatorpin && <li>{t('virt.emulatorpin', { cpuset: d.pinning.emulatorpin })}</li>}
                {d.pinning.numaNodeset && (
                  <li>{t('virt.numatune', { mode: d.pinning.numaMode ?? '', nodeset: d.pinning.numaNodeset })}</li>
                )}
              </ul>
            )}
          </section>
          <section className="vt-section" aria-labelledby="vt-disks">
            <h3 id="vt-disks">{t('virt.disks')}</h3>
            <table className="vt-table">
              <thead>
                <tr>
                  <th>{t('virt.col.target')}</th>
                  <th>{t('virt.col.device')}</th>
                  <th>{t('virt.col.bus')}</th>
                  <th>{t('virt.col.source')}</th>
                  <th>{t('virt.col.size')}</th>
                </tr>
              </thead>
              <tbody>
                {d.disks.map((k) => (
                  <tr key={k.target}>
                    <td className="vt-mono">{k.target}</td>
                    <td>{k.device}</td>
                    <td>{k.bus}</td>
                    <td className="vt-mono">{k.source}</td>
                    <td className="vt-num">{formatBytes(k.capacityBytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="vt-section" aria-labelledby="vt-nics">
            <h3 id="vt-nics">{t('virt.nics')}</h3>
            <table className="vt-table">
              <thead>
                <tr>
                  <th>{t('virt.col.mac')}</th>
                  <th>{t('virt.col.type')}</th>
                  <th>{t('virt.col.source')}</th>
                  <th>{t('virt.col.model')}</th>
                  <th>{t('virt.col.ip')}</th>
                </tr>
              </thead>
              <tbody>
                {d.nics.map((n, i) => (
                  <tr key={n.mac ?? i}>
                    <td className="vt-mono">{n.mac}</td>
                    <td>{n.type}</td>
                    <td>{n.source}</td>
                    <td>{n.model}</td>
                    <td className="vt-mono">
                      {d.addresses
                        .filter((a) => a.mac !== null && a.mac === n.mac?.toLowerCase())
                        .map((a) => `${a.ip}${a.prefix === null ? '' : `/${a.prefix}`} (${a.source})`)
                        .join(', ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="vt-section" aria-labelledby="vt-endpoints">
            <h3 id="vt-endpoints">{t('virt.endpoints')}</h3>
            <ul className="vt-list">
              {d.graphics.map((g, i) => (
                <li key={`g${i}`}>
                  {g.type.toUpperCase()}{' '}
                  {g.port ? <code>{`${g.listen ?? '*'}:${g.port}`}</code> : <span>{t('virt.notRunning')}</span>} ·{' '}
                  {g.passwordSet ? t('virt.passwordSet') : t('virt.noPassword')}
                </li>
              ))}
              {d.serials.map((s, i) => (
                <li key={`s${i}`}>
                  {s.kind} {s.port ?? ''} · {s.type} {s.source && <code>{s.source}</code>}
                </li>
              ))}
            </ul>
          </section>
          <StartupPanel host={vm} canAct={canAct} />
          <SnapshotsPanel vm={vm} canAct={canAct} />
        </div>
      )}
      {lifecycle.pending && (
        <ConfirmDialog
          message={t(`virt.confirm.${lifecycle.pending.action}`, { names: lifecycle.pending.hostNames.join(', ') })}
          onConfirm={lifecycle.confirm}
          onClose={lifecycle.cancel}
        />
      )}
    </section>
  );
}
