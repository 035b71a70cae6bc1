import { useEffect, useMemo, useState } from 'react';
import type { HostStartup } from '../../../../common/contract/power';
import type { Host } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { navigate } from '../../app/navigation';
import { useHosts } from '../inventory/hostsStore';
import { BulkProgressPanel } from '../../ui/BulkProgressPanel';
import { takeHandoff } from './openPower';
import { PowerActions } from './PowerActions';
import { PowerHostTable } from './PowerHostTable';
import { SequencesPanel } from './SequencesPanel';
import { useCanAct } from '../../app/useAppInfo';
import { useBulkOperation } from '../../ui/useBulkOperation';
import { useHealthWatch } from '../../app/useHealthWatch';
import { call } from '../../lib/api';
import { StartOrderDialog } from './StartOrderDialog';
import './power.css';

/** Hosts Labvisor can power: a BMC, or a libvirt domain whose hypervisor acts as one. */
function powerable(host: Host): boolean {
  return host.bmc !== null || Boolean(host.hypervisor?.domainName);
}

function matches(host: Host, needle: string): boolean {
  if (!needle) return true;
  const hay = [host.name, host.cluster ?? '', host.role ?? '', host.bmc?.address ?? '', ...host.tags];
  return hay.some((s) => s.toLowerCase().includes(needle));
}

/** Out-of-band control: every powerable host's health, bulk power actions, sequences (app/PowerPage.tsx). */
export function PowerView() {
  const t = useT();
  const { hosts, error } = useHosts();
  return (
    <div className="pw-view">
      <ErrorBanner error={error} />
      {hosts ? <PowerOverview hosts={hosts} /> : <p className="pw-empty">{t('common.loading')}</p>}
    </div>
  );
}

function PowerOverview({ hosts }: { hosts: readonly Host[] }) {
  const t = useT();
  const canAct = useCanAct();
  const [tab, setTab] = useState<'hosts' | 'sequences'>('hosts');
  const [filter, setFilter] = useState('');
  const [selected, setSelected] = useState<Set<number>>(() => new Set(takeHandoff()));
  const { op, start, dismiss } = useBulkOperation();

  const candidates = useMemo(() => hosts.filter(powerable), [hosts]);
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => candidates.filter((h) => matches(h, needle)), [candidates, needle]);
  const health = useHealthWatch(useMemo(() => (tab === 'hosts' ? shown.map((h) => h.id) : []), [shown, tab]));
  const clusters = useMemo(
    () => [...new Set(hosts.map((h) => h.cluster).filter((c): c is string => Boolean(c)))].sort(),
    [hosts],
  );
  const chosen = shown.filter((h) => selected.has(h.id)).map((h) => h.id);
  const { startups, reload: reloadStartups, error: startupError } = useStartups(candidates);
  const [editing, setEditing] = useState<HostStartup | null>(null);

  return (
    <>
      <header className="pw-view-header">
        <h1>{t('power.title')}</h1>
        <div className="pw-tabs" role="tablist" aria-label={t('power.title')}>
          {(['hosts', 'sequences'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className="pw-tab"
              onClick={() => setTab(id)}
            >
              {t(`power.tab.${id}`)}
            </button>
          ))}
        </div>
        <span className="pw-spacer" />
        <span className="pw-muted">{t('power.pollNote')}</span>
      </header>
      {op && <BulkProgressPanel op={op} onDismiss={dismiss} />}
      {tab === 'sequences' ? (
        <SequencesPanel clusters={clusters} canAct={canAct} start={start} busy={op?.running ?? false} />
      ) : (
        <section className="pw-panel" aria-label={t('power.tab.hosts')}>
          <div className="pw-toolbar">
            <input
              type="search"
              className="pw-filter"
              placeholder={t('power.filter')}
              aria-label={t('power.filter')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
            <span className="pw-muted" role="status">
              {t('power.selected', { count: chosen.length, total: shown.length })}
            </span>
            <span className="pw-spacer" />
            {canAct && <PowerActions hostIds={chosen} start={start} busy={op?.running ?? false} />}
          </div>
          {candidates.length === 0 ? (
            <p className="pw-empty">{t('power.noHosts')}</p>
          ) : (
            <PowerHostTable
              hosts={shown}
              health={health}
              selected={selected}
              onSelect={setSelected}
              onOpen={(id) => navigate({ view: 'power', hostId: id })}
              startups={startups}
              {...(canAct ? { onEditStartup: setEditing } : {})}
            />
          )}
          <ErrorBanner error={startupError} />
          {editing && (
            <StartOrderDialog
              startup={editing}
              onClose={() => setEditing(null)}
              onSaved={() => {
                setEditing(null);
                reloadStartups();
              }}
            />
          )}
        </section>
      )}
    </>
  );
}

/** The start order of every powerable host, read in one call and again after an edit. */
function useStartups(hosts: readonly Host[]) {
  const [startups, setStartups] = useState<ReadonlyMap<number, HostStartup>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  const ids = hosts.map((h) => h.id).join(',');
  useEffect(() => {
    if (!ids) return;
    let live = true;
    call('power.startup', { targets: ids.split(',').map(Number) })
      .then((rows) => {
        if (!live) return;
        setStartups(new Map(rows.map((r) => [r.hostId, r])));
        setError(null);
      })
      .catch((e: unknown) => live && setError(e));
    return () => {
      live = false;
    };
  }, [ids, generation]);
  return { startups, error, reload: () => setGeneration((g) => g + 1) };
}
