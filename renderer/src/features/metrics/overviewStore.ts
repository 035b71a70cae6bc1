import { useSyncExternalStore } from 'react';
import { call } from '../../lib/api';
import { liveRowsOver } from './liveRows';
import type { Overview } from './metricsData';

type Row = Overview[number];

const POLL_MS = 5000;
/** Rows that come into view (scrolling, filtering) get their status this soon, in one call for all of them. */
const NEW_ROWS_MS = 100;
/** The most hosts one `metrics.overview` call may name (the contract's limit); far more than a screen shows. */
const MAX_IDS = 1000;
const listeners = new Set<() => void>();
/** How many mounted rows show each host: only those are asked for, never the whole inventory. */
const shown = new Map<number, number>();
let byId = new Map<number, Row>();
let timer: ReturnType<typeof setInterval> | null = null;
let soon: ReturnType<typeof setTimeout> | undefined;

const liveRows = liveRowsOver((id) => byId.get(id)?.parentId ?? null);

async function load(): Promise<void> {
  const hostIds = [...shown.keys()].slice(0, MAX_IDS);
  if (hostIds.length === 0) return;
  try {
    const answer = await call('metrics.overview', { hostIds });
    // Hosts seen before keep their last status, so scrolling back shows it at once (and it is refreshed then).
    const next = new Map(byId);
    for (const id of hostIds) next.delete(id);
    for (const r of answer) next.set(r.hostId, r);
    byId = next;
    for (const l of listeners) l();
    liveRows.refresh();
  } catch {
    // Shown nowhere: the table keeps its last status; the dashboard reports errors.
  }
}

function loadSoon(): void {
  soon ??= setTimeout(() => {
    soon = undefined;
    void load();
  }, NEW_ROWS_MS);
}

/**
 * One poll of `metrics.overview` for the hosts on screen, shared by every row that shows a host's live status,
 * while any is mounted. Asking for 10,000 hosts every few seconds made the server read and send megabytes and
 * the page parse them, right when a large inventory paints its first rows.
 */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    loadSoon();
    timer = setInterval(() => void load(), POLL_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

export function useHostOverview(hostId: number): Row | undefined {
  return useSyncExternalStore(subscribe, () => byId.get(hostId));
}

/** Counts a row showing this host's live status in (until the returned function is called). */
export function showLiveRow(hostId: number): () => void {
  const hide = liveRows.show(hostId);
  const before = shown.get(hostId) ?? 0;
  shown.set(hostId, before + 1);
  if (before === 0) loadSoon();
  return () => {
    hide();
    const left = (shown.get(hostId) ?? 1) - 1;
    if (left > 0) shown.set(hostId, left);
    else shown.delete(hostId);
  };
}
