import './inventory.css';
import { useCallback, useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { navigate } from '../../app/navigation';
import { useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { ImportIcon, PlusIcon, TrashIcon } from '../../ui/icons';
import { ColumnChooser } from './ColumnChooser';
import { COLUMNS, DEFAULT_COLUMNS, sortHosts, type ColumnId, type SortState } from './columns';
import { DeleteDialog } from './DeleteDialog';
import { EmptyState } from './EmptyState';
import { ExportMenu } from './ExportMenu';
import { HostDetail } from './HostDetail';
import { HostEditor } from './HostEditor';
import { filterHosts, indexHosts } from './hostSearch';
import { useHosts } from './hostsStore';
import { HostTable } from './HostTable';
import { HostTree } from './HostTree';
import { buildForest, subtreeHostIds, type Grouping } from './hostTree';
import { ImportWizard } from './importWizard/ImportWizard';
import { EMPTY_SELECTION, prune, select, selectAll, type SelectMode, type Selection } from './selection';
import { usePersistentState } from './usePersistentState';
import { openTerminal } from '../terminal/terminalsStore';
import { openPowerFor } from '../power/openPower';
import { ContextMenu, type MenuItem } from '../../ui/ContextMenu';

const COLUMN_IDS = new Set<string>(COLUMNS.map((c) => c.id));
const isColumns = (v: unknown): v is ColumnId[] =>
  Array.isArray(v) && v.includes('name') && v.every((c) => COLUMN_IDS.has(c));
const isGrouping = (v: unknown): v is Grouping => v === 'layer' || v === 'cluster';
const isSort = (v: unknown): v is SortState =>
  typeof v === 'object' &&
  v !== null &&
  COLUMN_IDS.has((v as SortState).column) &&
  ['asc', 'desc'].includes((v as SortState).dir);

type Editing = { host: Host | null } | null;

/** The inventory: tree, table, detail; add, edit, delete, import, export. */
export function HostsView({ hostId }: { hostId: number | null }) {
  const t = useT();
  const { hosts, error: loadError } = useHosts();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [grouping, setGrouping] = usePersistentState<Grouping>('labvisor.hosts.grouping', 'layer', isGrouping);
  const [columns, setColumns] = usePersistentState<ColumnId[]>(
    'labvisor.hosts.columns',
    [...DEFAULT_COLUMNS],
    isColumns,
  );
  const [sort, setSort] = usePersistentState<SortState>('labvisor.hosts.sort', { column: 'name', dir: 'asc' }, isSort);
  const [scopeKey, setScopeKey] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Host[] | null>(null);
  const [importing, setImporting] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [revealId, setRevealId] = useState<number | null>(null);

  const all = useMemo(() => hosts ?? [], [hosts]);
  const byId = useMemo(() => new Map(all.map((h) => [h.id, h])), [all]);
  const nameOf = useCallback((id: number | null) => (id === null ? '' : (byId.get(id)?.name ?? `#${id}`)), [byId]);
  const index = useMemo(() => indexHosts(all), [all]);
  const forest = useMemo(() => buildForest(all, grouping), [all, grouping]);
  const scope = useMemo(() => (scopeKey ? subtreeHostIds(forest, scopeKey) : null), [forest, scopeKey]);
  const scoped = useMemo(() => (scope ? index.filter((h) => scope.has(h.host.id)) : index), [index, scope]);
  const filtered = useMemo(() => filterHosts(scoped, deferredQuery), [scoped, deferredQuery]);
  const rows = useMemo(() => sortHosts(filtered, sort, nameOf), [filtered, sort, nameOf]);
  const order = useMemo(() => rows.map((r) => r.host.id), [rows]);

  // Hosts removed elsewhere leave the selection as soon as the inventory changes (adjusted during render, as
  // React recommends for state derived from a changed prop).
  const [selectionFor, setSelectionFor] = useState(byId);
  if (selectionFor !== byId) {
    setSelectionFor(byId);
    setSelection((s) => prune(s, new Set(byId.keys())));
  }

  // Quick search and links land here with a host id: select and reveal it, even if the filter or scope hid
  // it, then drop it from the URL so asking for the same host again works.
  useEffect(() => {
    if (hostId === null || !byId.has(hostId)) return;
    // The URL is the outside system this effect follows: the host it names is taken in, then dropped from it.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSelection({ ids: new Set([hostId]), anchor: hostId, active: hostId });
    setQuery('');
    setScopeKey(null);
    setRevealId(hostId);
    navigate({ view: 'hosts', hostId: null });
  }, [hostId, byId]);

  const onSelect = useCallback(
    (id: number, mode: SelectMode) => {
      setSelection((s) => select(s, id, order, mode));
      setRevealId(null);
    },
    [order],
  );
  const onSort = (column: ColumnId) =>
    setSort((s) => ({ column, dir: s.column === column && s.dir === 'asc' ? 'desc' : 'asc' }));
  const selectedHosts = () => [...selection.ids].map((id) => byId.get(id)).filter((h): h is Host => Boolean(h));

  // A right-click acts on the selection when it lands on a selected row, otherwise on that row alone.
  const [menu, setMenu] = useState<{ x: number; y: number; ids: number[] } | null>(null);
  const closeMenu = useCallback(() => setMenu(null), []);
  const openMenu = useCallback(
    (id: number, point: { x: number; y: number }) => {
      const ids = selection.ids.has(id) ? [...selection.ids] : [id];
      if (!selection.ids.has(id)) onSelect(id, 'replace');
      setMenu({ ...point, ids });
    },
    [selection.ids, onSelect],
  );
  const menuItems = (ids: number[]): MenuItem[] => {
    const hosts = ids.map((id) => byId.get(id)).filter((h): h is Host => Boolean(h));
    const one = hosts.length === 1 ? hosts[0]! : null;
    return [
      { label: t('terminal.open'), onSelect: () => openTerminal(ids) },
      { label: t('power.nav'), onSelect: () => openPowerFor(ids) },
      ...(one ? [{ label: t('common.edit'), onSelect: () => setEditing({ host: one }) }] : []),
      { label: t('common.delete'), danger: true, onSelect: () => setDeleting(hosts) },
    ];
  };
  const active = selection.active === null ? null : (byId.get(selection.active) ?? null);

  if (hosts === null) {
    return loadError ? <ErrorBanner error={loadError} /> : <p className="loading">{t('common.loading')}</p>;
  }

  const dialogs = (
    <>
      {editing && (
        <HostEditor
          host={editing.host}
          hosts={all}
          onClose={(saved) => {
            setEditing(null);
            if (saved) setSelection({ ids: new Set([saved.id]), anchor: saved.id, active: saved.id });
          }}
        />
      )}
      {deleting && (
        <DeleteDialog
          hosts={deleting}
          onClose={(deleted) => {
            setDeleting(null);
            if (deleted) setSelection(EMPTY_SELECTION);
          }}
        />
      )}
      {importing && <ImportWizard hosts={all} onClose={() => setImporting(false)} />}
    </>
  );

  // Dialogs stay at the same place in the tree whether or not the inventory is empty, so an import that
  // fills an empty inventory does not remount (and reset) the wizard showing its result.
  if (all.length === 0) {
    return (
      <>
        <EmptyState onImport={() => setImporting(true)} onAdd={() => setEditing({ host: null })} />
        {dialogs}
      </>
    );
  }

  return (
    <>
      <div className="hosts-view">
        <div className="toolbar" role="toolbar" aria-label={t('inventory.toolbar')}>
          <h1 className="view-title">
            {t('inventory.title')} <span className="count">{t('inventory.count', { count: all.length })}</span>
          </h1>
          <input
            type="search"
            className="filter"
            aria-label={t('inventory.filter.label')}
            placeholder={t('inventory.filter.placeholder')}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <div className="segmented" role="radiogroup" aria-label={t('inventory.tree.groupBy')}>
            {(['layer', 'cluster'] as const).map((g) => (
              <button
                key={g}
                type="button"
                role="radio"
                aria-checked={grouping === g}
                onClick={() => {
                  setGrouping(g);
                  setScopeKey(null);
                }}
              >
                {t(`inventory.tree.by.${g}`)}
              </button>
            ))}
          </div>
          <span className="toolbar-spacer" />
          <ColumnChooser visible={columns} onChange={setColumns} />
          <ExportMenu onError={setActionError} />
          <button type="button" onClick={() => setImporting(true)}>
            <ImportIcon /> {t('inventory.import.button')}
          </button>
          <button type="button" className="primary" onClick={() => setEditing({ host: null })}>
            <PlusIcon /> {t('inventory.add')}
          </button>
        </div>
        <ErrorBanner error={actionError} />
        <div className="hosts-body">
          <nav className="tree-pane" aria-label={t('inventory.tree.label')}>
            <button
              type="button"
              className={`tree-all${scopeKey === null ? ' selected' : ''}`}
              onClick={() => setScopeKey(null)}
              aria-pressed={scopeKey === null}
            >
              {t('inventory.tree.all')} <span className="tree-count">{all.length}</span>
            </button>
            <HostTree
              forest={forest}
              scopeKey={scopeKey}
              onScope={setScopeKey}
              revealId={revealId}
              label={t('inventory.tree.label')}
            />
          </nav>
          <section className="table-pane" aria-label={t('inventory.table.label')}>
            <div className="table-status">
              {selection.ids.size > 0 ? (
                <div className="selection-bar" role="region" aria-label={t('inventory.selection.label')}>
                  <span>{t('inventory.selection.count', { count: selection.ids.size })}</span>
                  <button type="button" className="btn-danger" onClick={() => setDeleting(selectedHosts())}>
                    <TrashIcon /> {t('inventory.selection.delete')}
                  </button>
                  <button type="button" onClick={() => openPowerFor([...selection.ids])}>
                    {t('power.nav')}
                  </button>
                  <button type="button" onClick={() => openTerminal([...selection.ids])}>
                    {t('terminal.open')}
                  </button>
                  <button type="button" onClick={() => setSelection(EMPTY_SELECTION)}>
                    {t('inventory.selection.clear')}
                  </button>
                </div>
              ) : (
                <span className="muted">{t('inventory.table.hint')}</span>
              )}
              <span className="toolbar-spacer" />
              <span className="muted" role="status">
                {t('inventory.table.shown', { shown: rows.length, total: all.length })}
              </span>
            </div>
            {rows.length === 0 ? (
              <p className="no-match">{t('inventory.table.noMatch')}</p>
            ) : (
              <HostTable
                rows={rows}
                order={order}
                columns={columns}
                sort={sort}
                onSort={onSort}
                selection={selection}
                onSelect={onSelect}
                onSelectAll={() => setSelection((s) => selectAll(s, order))}
                onOpen={(id) => openTerminal(selection.ids.has(id) ? [...selection.ids] : [id])}
                onDelete={() => setDeleting(selectedHosts())}
                onContextMenu={openMenu}
                nameOf={nameOf}
                revealId={revealId}
                label={t('inventory.table.label')}
              />
            )}
          </section>
          {active && (
            <HostDetail
              host={active}
              nameOf={nameOf}
              onEdit={() => setEditing({ host: active })}
              onDelete={() => setDeleting([active])}
              onClose={() => setSelection((s) => ({ ...s, active: null }))}
            />
          )}
        </div>
      </div>
      {dialogs}
      {menu && (
        <ContextMenu
          x={menu.x}
          y={menu.y}
          label={t('inventory.menu.label')}
          items={menuItems(menu.ids)}
          onClose={closeMenu}
        />
      )}
    </>
  );
}
