import { useCallback, useMemo, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { navigate } from '../../app/navigation';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { LockIcon } from '../../ui/icons';
import { useCanAct } from '../../app/useAppInfo';
import { ConfirmDialog } from './ConfirmDialog';
import { LifecycleButtons } from './LifecycleButtons';
import { StartupPanel } from './StartupPanel';
import { StateBadge } from './StateBadge';
import { useDomainEvents } from './useDomainEvents';
import { useLifecycle } from './useLifecycle';
import { useLoaded } from './useVirtCall';
import type { VmActions } from './VirtView';
import { filterVms, formatMiB, sortVms, type SortKey } from './virtLogic';

const COLUMNS: { key: SortKey | null; label: string }[] = [
  { key: 'name', label: 'virt.col.name' },
  { key: 'state', label: 'virt.col.state' },
  { key: 'vcpus', label: 'virt.col.vcpus' },
  { key: 'memoryMiB', label: 'virt.col.memory' },
  { key: null, label: 'virt.col.autostart' },
  { key: null, label: 'virt.col.graphics' },
  { key: null, label: 'virt.col.pinning' },
  { key: null, label: 'virt.col.host' },
];

/** A hypervisor's VMs live from libvirt: every column at any count, filter, sort, select, lifecycle. */
export function VmList({ hypervisor, vmActions }: { hypervisor: Host; vmActions?: VmActions }) {
  const t = useT();
  const canAct = useCanAct();
  const load = useCallback(() => call('virt.list', { host: hypervisor.id }), [hypervisor.id]);
  const { value: list, error, loading, reload } = useLoaded(load);
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const lifecycle = useLifecycle(reload);
  useDomainEvents(hypervisor.id, reload);

  const rows = useMemo(
    () => (list ? sortVms(filterVms(list.domains, filter), sort.key, sort.descending) : []),
    [list, filter, sort],
  );
  const chosen = rows.filter((r) => selected.has(r.uuid) && r.hostName);
  const toggle = (uuid: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(uuid)) next.delete(uuid);
      else next.add(uuid);
      return next;
    });
  const o = list?.overcommit;
  const allVms = (list?.domains ?? []).flatMap((d) => (d.hostName ? [d.hostName] : []));

  return (
    <section className="vt-panel" aria-label={hypervisor.name}>
      <header className="vt-toolbar">
        <h2>{hypervisor.name}</h2>
        <code className="vt-muted">{hypervisor.hypervisor?.libvirtUri}</code>
        <input
          type="search"
          className="vt-filter"
          placeholder={t('virt.filter')}
          aria-label={t('virt.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <button
          type="button"
          title={t('virt.startAllHint')}
          disabled={!canAct || !allVms.length || lifecycle.busy}
          onClick={() => lifecycle.request('on', allVms, true)}
        >
          {t('virt.startAll')}
        </button>
        <button
          type="button"
          title={t('virt.shutdownAllHint')}
          disabled={!canAct || !allVms.length || lifecycle.busy}
          onClick={() => lifecycle.request('soft', allVms, true)}
        >
          {t('virt.shutdownAll')}
        </button>
        <button type="button" onClick={reload} disabled={loading}>
          {loading ? t('virt.working') : t('virt.refresh')}
        </button>
      </header>
      <ErrorBanner error={error ?? lifecycle.error} />
      {o && (
        <p className="vt-summary" data-testid="vt-overcommit">
          {t('virt.overcommit', {
            vcpus: o.vcpusRunning,
            cpus: o.cpus,
            cpuRatio: o.cpuRatio,
            memory: formatMiB(o.memoryRunningMiB),
            hostMemory: formatMiB(o.memoryMiB),
            memoryRatio: o.memoryRatio,
          })}
        </p>
      )}
      {o && o.numaNodes.length > 0 && (
        <ul className="vt-numa" aria-label={t('virt.numaNodes')} data-testid="vt-numa">
          {o.numaNodes.map((n) => {
            const over = n.overcommitted.cpu || n.overcommitted.memory;
            return (
              <li key={n.node} className={over ? 'vt-warning' : undefined} data-node={n.node}>
                {t('virt.numaNode', {
                  node: n.node,
                  vcpus: n.vcpus,
                  cpus: n.cpus,
                  cpuRatio: n.cpuRatio,
                  memory: formatMiB(n.boundMemoryMiB),
                  nodeMemory: formatMiB(n.memoryMiB),
                  memoryRatio: n.memoryRatio,
                })}
                {n.freeMiB !== null && ` · ${t('virt.numaFree', { free: formatMiB(n.freeMiB) })}`}
                {over &&
                  ` · ${t('virt.numaOvercommitted', {
                    what: [
                      n.overcommitted.cpu ? t('virt.numaCpu') : '',
                      n.overcommitted.memory ? t('virt.numaMemory') : '',
                    ]
                      .filter(Boolean)
                      .join(', '),
                  })}`}
              </li>
            );
          })}
        </ul>
      )}
      {o?.sharedPins.map((p) => (
        <p key={p.cpu} className="vt-warning">
          {t('virt.sharedPin', { cpu: p.cpu, names: p.domains.join(', ') })}
        </p>
      ))}
      <details className="vt-hypervisor-startup">
        <summary>{t('virt.hypervisorStartup', { name: hypervisor.name })}</summary>
        <StartupPanel host={hypervisor} canAct={canAct} />
      </details>
      <div className="vt-toolbar">
        <span className="vt-muted">
          {t('virt.count', { shown: rows.length, total: list?.domains.length ?? 0 })}
          {chosen.length > 0 && ` · ${t('virt.selected', { count: chosen.length })}`}
        </span>
        <LifecycleButtons
          disabled={chosen.length === 0 || lifecycle.busy}
          onAction={(a) =>
            lifecycle.request(
              a,
              chosen.map((r) => r.hostName!),
            )
          }
        />
      </div>
      <div className="vt-table-wrap">
        <table className="vt-table">
          <thead>
            <tr>
              <th>
                <input
                  type="checkbox"
                  aria-label={t('virt.selectAll')}
                  checked={rows.length > 0 && rows.every((r) => selected.has(r.uuid))}
                  onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.uuid)) : new Set())}
                />
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.label}
                  aria-sort={c.key && sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                >
                  {c.key ? (
                    <button
                      type="button"
                      className="vt-sort"
                      onClick={() =>
                        setSort((s) => ({ key: c.key!, descending: s.key === c.key ? !s.descending : false }))
                      }
                    >
                      {t(c.label)}
                    </button>
                  ) : (
                    t(c.label)
                  )}
                </th>
              ))}
              {vmActions && <th>{vmActions.label}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.uuid} data-vm={r.name} aria-selected={selected.has(r.uuid)}>
                <td>
                  <input
                    type="checkbox"
                    aria-label={t('virt.select', { name: r.name })}
                    checked={selected.has(r.uuid)}
                    onChange={() => toggle(r.uuid)}
                  />
                </td>
                <td>
                  {r.hostId !== null ? (
                    <a
                      href={`#/virt/${r.hostId}`}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate({ view: 'virt', hostId: r.hostId });
                      }}
                    >
                      {r.name}
                    </a>
                  ) : (
                    r.name
                  )}
                </td>
                <td>
                  <StateBadge state={r.state} reason={r.reason} />
                </td>
                <td className="vt-num">{r.vcpus}</td>
                <td className="vt-num">{formatMiB(r.memoryMiB)}</td>
                <td>{r.autostart === null ? '' : r.autostart ? t('common.yes') : t('common.no')}</td>
                <td>
                  {r.graphics.map((g, i) => (
                    <span key={i} className="vt-graphics">
                      {g.type}
                      {g.port ? ` :${g.port}` : ''}
                      {g.passwordSet && (
                        <span title={t('virt.passwordSet')} aria-label={t('virt.passwordSet')}>
                          <LockIcon />
                        </span>
                      )}
                    </span>
                  ))}
                </td>
                <td className="vt-mono">{r.pinning.vcpupin.map((p) => p.cpuset).join(',')}</td>
                <td>{r.hostName ?? <span className="vt-muted">{t('virt.notInInventory')}</span>}</td>
                {vmActions && <td>{vmActions.cell(r, hypervisor)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
