import { useSyncExternalStore } from 'react';
import { call } from '../../lib/api';
import { liveRowsOver } from './liveRows';
import type { Overview } from './metricsData';

type Row = Overview[number];

const POLL_MS = 5000;
const listeners = new Set<() => void>();
let byId = new Map<number, Row>();
let timer: ReturnType<typeof setInterval> | null = null;

const liveRows = liveRowsOver((id) => byId.get(id)?.parentId ?? null);

async function load(): Promise<void> {
  try {
    byId = new Map((await call('metrics.overview', {})).map((r) => [r.hostId, r]));
    for (const l of listeners) l();
    liveRows.refresh();
  } catch {
    // Shown nowhere: the table keeps its last status; the dashboard reports errors.
  }
}

/** One poll of `metrics.overview` shared by every row that shows a host's live status, while any is mounted. */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    void load();
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
  return liveRows.show(hostId);
}
