import { memo, useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useT, type Translate } from '../../i18n/i18n';
import { LockIcon } from '../../ui/icons';
import { columnById, type ColumnId, type SortState } from './columns';
import { idsOf, type IndexedHost } from './hostSearch';
import { modeOf, type SelectMode, type Selection } from './selection';

const ROW_HEIGHT = 26;

interface HostTableProps {
  rows: readonly IndexedHost[];
  /** More hosts are still arriving (the rows are a part of the inventory). */
  busy: boolean;
  columns: readonly ColumnId[];
  sort: SortState;
  onSort: (column: ColumnId) => void;
  selection: Selection;
  onSelect: (id: number, mode: SelectMode) => void;
  onSelectAll: () => void;
  onOpen: (id: number) => void;
  onDelete: () => void;
  /** Right-click on a row, or the ContextMenu key / Shift+F10 on the active one; the point is in the viewport. */
  onContextMenu: (id: number, point: { x: number; y: number }) => void;
  nameOf: (id: number | null) => string;
  /** Scroll this host into view when it changes (quick search, tree). */
  revealId: number | null;
  label: string;
  /** Drawn before each host's name (another feature's live status, composed in app/). */
  nameAdornment?: ((hostId: number) => ReactNode) | undefined;
}

/**
 * The hosts grid: only the rows in view are in the DOM, so 10,000 hosts scroll and filter like 10. Keyboard:
 * arrows/Home/End/PageUp/PageDown move (Shift extends), Space toggles, Ctrl+A selects all, Enter opens,
 * Delete deletes, the ContextMenu key or Shift+F10 opens the row's menu.
 */
export function HostTable(props: HostTableProps) {
  const { rows, columns, sort, selection } = props;
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 5,
  });
  const template = columns
    .map((c) => (c === 'name' ? `minmax(${columnById(c).width}px, 1fr)` : `${columnById(c).width}px`))
    .join(' ');
  const minWidth = columns.reduce((sum, c) => sum + columnById(c).width, 0);

  // Scroll once per reveal, as soon as the host is in the (possibly still re-filtering) order.
  const revealed = useRef<number | null>(null);
  useEffect(() => {
    if (props.revealId === null) revealed.current = null;
    if (props.revealId === null || revealed.current === props.revealId) return;
    const index = idsOf(rows).indexOf(props.revealId);
    if (index < 0) return;
    revealed.current = props.revealId;
    virtualizer.scrollToIndex(index, { align: 'center' });
  }, [props.revealId, rows, virtualizer]);

  const move = (index: number, e: React.KeyboardEvent) => {
    const order = idsOf(rows);
    const id = order[Math.max(0, Math.min(order.length - 1, index))];
    if (id === undefined) return;
    props.onSelect(id, e.shiftKey ? 'range' : 'replace');
    virtualizer.scrollToIndex(order.indexOf(id), { align: 'auto' });
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const order = idsOf(rows);
    const current = selection.active === null ? -1 : order.indexOf(selection.active);
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 260) / ROW_HEIGHT) - 2);
    const mod = e.ctrlKey || e.metaKey;
    if (e.key === 'ArrowDown') move(current + 1, e);
    else if (e.key === 'ArrowUp') move(current < 0 ? 0 : current - 1, e);
    else if (e.key === 'PageDown') move(current + page, e);
    else if (e.key === 'PageUp') move(current - page, e);
    else if (e.key === 'Home') move(0, e);
    else if (e.key === 'End') move(order.length - 1, e);
    else if (mod && e.key.toLowerCase() === 'a') props.onSelectAll();
    else if (e.key === ' ' && selection.active !== null) props.onSelect(selection.active, 'toggle');
    else if (e.key === 'Enter' && selection.active !== null) props.onOpen(selection.active);
    else if (e.key === 'Delete' && selection.ids.size > 0) props.onDelete();
    else if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && selection.active !== null) {
      const rect = document.getElementById(`host-row-${selection.active}`)?.getBoundingClientRect();
      props.onContextMenu(selection.active, { x: (rect?.left ?? 0) + 24, y: rect?.bottom ?? 0 });
    } else return;
    e.preventDefault();
  };

  const activeVisible = selection.active !== null && rows.some((r) => r.host.id === selection.active);
  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-label={props.label}
      aria-rowcount={rows.length + 1}
      aria-busy={props.busy || undefined}
      aria-colcount={columns.length}
      aria-multiselectable="true"
      aria-activedescendant={activeVisible ? `host-row-${selection.active}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
    >
      <div role="rowgroup" className="grid-head" style={{ minWidth }}>
        <div role="row" aria-rowindex={1} className="grid-row" style={{ gridTemplateColumns: template }}>
          {columns.map((id) => {
            const col = columnById(id);
            const sorted = sort.column === id ? sort.dir : null;
            return (
              <div
                key={id}
                role="columnheader"
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                className={col.numeric ? 'cell numeric' : 'cell'}
              >
                <button type="button" tabIndex={-1} onClick={() => props.onSort(id)}>
                  {t(col.labelKey)}
                  <span className="sort-mark" aria-hidden="true">
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                  </span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            // Keyed by position, not host: a new filter or sort updates the rows on screen in place instead of
            // removing and creating every one of them (what made filtering a full table slower than a short one).
            <HostRow
              key={item.index}
              row={row}
              rowIndex={item.index + 2}
              top={item.start}
              columns={columns}
              template={template}
              selected={selection.ids.has(row.host.id)}
              active={selection.active === row.host.id}
              nameOf={props.nameOf}
              t={t}
              onSelect={props.onSelect}
              onOpen={props.onOpen}
              onContextMenu={props.onContextMenu}
              nameAdornment={props.nameAdornment}
            />
          );
        })}
      </div>
    </div>
  );
}

interface HostRowProps {
  row: IndexedHost;
  rowIndex: number;
  top: number;
  columns: readonly ColumnId[];
  template: string;
  selected: boolean;
  active: boolean;
  nameOf: (id: number | null) => string;
  t: Translate;
  onSelect: (id: number, mode: SelectMode) => void;
  onOpen: (id: number) => void;
  onContextMenu: (id: number, point: { x: number; y: number }) => void;
  nameAdornment?: ((hostId: number) => ReactNode) | undefined;
}

const HostRow = memo(function HostRow({
  row,
  rowIndex,
  top,
  columns,
  template,
  selected,
  active,
  nameOf,
  t,
  onSelect,
  onOpen,
  onContextMenu,
  nameAdornment,
}: HostRowProps) {
  const { host } = row;
  return (
    <div
      id={`host-row-${host.id}`}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={selected}
      className={`grid-row${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ gridTemplateColumns: template, transform: `translateY(${top}px)` }}
      onMouseDown={(e) => {
        if (e.shiftKey) e.preventDefault(); // no text selection on Shift-click ranges
      }}
      onClick={(e) => onSelect(host.id, modeOf(e))}
      onDoubleClick={() => onOpen(host.id)}
      onContextMenu={(e) => {
        e.preventDefault();
        onContextMenu(host.id, { x: e.clientX, y: e.clientY });
      }}
    >
      {columns.map((id) => {
        const col = columnById(id);
        const text = id === 'kind' ? t(`inventory.kind.${host.kind}`) : col.text(row, nameOf);
        return (
          <div key={id} role="gridcell" className={col.numeric ? 'cell numeric' : 'cell'} title={text}>
            {id === 'name' && nameAdornment?.(host.id)}
            {id === 'name' && host.protected && (
              <span className="protected-mark">
                <LockIcon />
              </span>
            )}
            {id === 'name' ? <span className="cell-text">{text}</span> : text}
          </div>
        );
      })}
    </div>
  );
});
