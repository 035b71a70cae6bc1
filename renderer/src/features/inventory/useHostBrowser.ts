import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { navigate } from '../../app/navigation';
import { COLUMNS, DEFAULT_COLUMNS, sortHosts, type ColumnId, type SortState } from './columns';
import { createNarrowingFilter, idsOf, indexHosts } from './hostSearch';
import { buildForest, subtreeHostIds, type Grouping } from './hostTree';
import { EMPTY_SELECTION, prune, select, selectAll, type SelectMode, type Selection } from './selection';
import { usePersistentState } from './usePersistentState';

const COLUMN_IDS = new Set<string>(COLUMNS.map((c) => c.id));
const isColumns = (v: unknown): v is ColumnId[] =>
  Array.isArray(v) && v.includes('name') && v.every((c) => COLUMN_IDS.has(c));
const isGrouping = (v: unknown): v is Grouping => v === 'layer' || v === 'cluster';
const isSort = (v: unknown): v is SortState =>
  typeof v === 'object' &&
  v !== null &&
  COLUMN_IDS.has((v as SortState).column) &&
  ['asc', 'desc'].includes((v as SortState).dir);

/**
 * What the inventory view shows and which hosts are selected: filter, tree grouping and scope, columns, sort
 * (the last three kept across restarts), the rows that follow from them, and the selection over those rows.
 */
export function useHostBrowser(all: readonly Host[], hostId: number | null) {
  const [query, setQuery] = useState('');
  const [grouping, setGroupingState] = usePersistentState<Grouping>('labvisor.hosts.grouping', 'layer', isGrouping);
  const [columns, setColumns] = usePersistentState<ColumnId[]>(
    'labvisor.hosts.columns',
    [...DEFAULT_COLUMNS],
    isColumns,
  );
  const [sort, setSort] = usePersistentState<SortState>('labvisor.hosts.sort', { column: 'name', dir: 'asc' }, isSort);
  const [scopeKey, setScopeKey] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(EMPTY_SELECTION);
  const [revealId, setRevealId] = useState<number | null>(null);

  const byId = useMemo(() => new Map(all.map((h) => [h.id, h])), [all]);
  const nameOf = useCallback((id: number | null) => (id === null ? '' : (byId.get(id)?.name ?? `#${id}`)), [byId]);
  const index = useMemo(() => indexHosts(all), [all]);
  const forest = useMemo(() => buildForest(all, grouping), [all, grouping]);
  const scope = useMemo(() => (scopeKey ? subtreeHostIds(forest, scopeKey) : null), [forest, scopeKey]);
  // Sorted once per inventory or sort change; filtering keeps that order, so typing in the filter costs one
  // scan of the search index and no sort of 10,000 hosts.
  const sorted = useMemo(() => sortHosts(index, sort, nameOf), [index, sort, nameOf]);
  const scoped = useMemo(() => (scope ? sorted.filter((h) => scope.has(h.host.id)) : sorted), [sorted, scope]);
  // Typing more of a query narrows the last answer instead of scanning every host again. The rows follow the
  // keystroke in the same render (not a deferred one): a scan plus a screenful of rows fits in a frame, while a
  // deferred render of a full screen ran past React's 5 ms slice and waited a frame or more to finish.
  const [narrowing] = useState(createNarrowingFilter);
  const rows = useMemo(() => narrowing(scoped, query), [narrowing, scoped, query]);

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

  // Stable across filtering: every row takes it, and a keystroke that leaves a row's host where it was (typing
  // more of a name keeps the first screenful) then does not re-render that row. Clicks and keys come after the
  // commit, so the ref holds the rows on screen.
  const shownRows = useRef(rows);
  useLayoutEffect(() => {
    shownRows.current = rows;
  }, [rows]);
  const onSelect = useCallback((id: number, mode: SelectMode) => {
    const order = idsOf(shownRows.current);
    setSelection((s) => select(s, id, order, mode));
    setRevealId(null);
  }, []);

  // Stable: the tree and the row menu take it, and must not re-render while the filter changes the rows.
  const selectOnly = useCallback((id: number) => setSelection({ ids: new Set([id]), anchor: id, active: id }), []);

  return {
    query,
    setQuery,
    grouping,
    /** A new grouping builds a new tree, so the scope picked in the old one no longer applies. */
    setGrouping: (g: Grouping) => {
      setGroupingState(g);
      setScopeKey(null);
    },
    columns,
    setColumns,
    sort,
    onSort: (column: ColumnId) =>
      setSort((s) => ({ column, dir: s.column === column && s.dir === 'asc' ? 'desc' : 'asc' })),
    scopeKey,
    setScopeKey,
    forest,
    rows,
    byId,
    nameOf,
    revealId,
    selection,
    onSelect,
    selectOnly,
    selectAll: () => setSelection((s) => selectAll(s, idsOf(rows))),
    clearSelection: () => setSelection(EMPTY_SELECTION),
    closeDetail: () => setSelection((s) => ({ ...s, active: null })),
    selectedHosts: () => [...selection.ids].map((id) => byId.get(id)).filter((h): h is Host => Boolean(h)),
    active: selection.active === null ? null : (byId.get(selection.active) ?? null),
  };
}

export type HostBrowser = ReturnType<typeof useHostBrowser>;
