/** Multi-selection over an ordered list of ids, as file managers do it. */
export interface Selection {
  ids: ReadonlySet<number>;
  /** Where a Shift-click range starts. */
  anchor: number | null;
  /** The row with the keyboard focus (and the one the detail pane shows). */
  active: number | null;
}

export const EMPTY_SELECTION: Selection = { ids: new Set(), anchor: null, active: null };

export type SelectMode = 'replace' | 'toggle' | 'range' | 'range-add';

export function modeOf(e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }): SelectMode {
  const mod = e.ctrlKey || e.metaKey;
  if (e.shiftKey) return mod ? 'range-add' : 'range';
  return mod ? 'toggle' : 'replace';
}

export function select(sel: Selection, id: number, order: readonly number[], mode: SelectMode): Selection {
  if (mode === 'replace') return { ids: new Set([id]), anchor: id, active: id };
  if (mode === 'toggle') {
    const ids = new Set(sel.ids);
    if (ids.has(id)) ids.delete(id);
    else ids.add(id);
    return { ids, anchor: id, active: id };
  }
  const anchor = sel.anchor ?? id;
  const from = order.indexOf(anchor);
  const to = order.indexOf(id);
  if (from < 0 || to < 0) return { ids: new Set([id]), anchor: id, active: id };
  const range = order.slice(Math.min(from, to), Math.max(from, to) + 1);
  const ids = mode === 'range-add' ? new Set([...sel.ids, ...range]) : new Set(range);
  return { ids, anchor, active: id };
}

export function selectAll(sel: Selection, order: readonly number[]): Selection {
  return { ids: new Set(order), anchor: sel.anchor, active: sel.active ?? order[0] ?? null };
}

/** Drops ids that no longer exist (after a delete or a reload). */
export function prune(sel: Selection, existing: ReadonlySet<number>): Selection {
  const keep = [...sel.ids].filter((id) => existing.has(id));
  if (keep.length === sel.ids.size && (sel.active === null || existing.has(sel.active))) return sel;
  return {
    ids: new Set(keep),
    anchor: sel.anchor !== null && existing.has(sel.anchor) ? sel.anchor : null,
    active: sel.active !== null && existing.has(sel.active) ? sel.active : null,
  };
}
