import { call, onReconnect } from '../../lib/api';

/** Sparklines on screen refresh every 5 s: live enough to read, cheap for every visible row of a 60-VM table. */
const ROW_INTERVAL_SEC = 5;
const DEBOUNCE_MS = 300;
const RENEW_MS = 15_000;

interface LiveRowsSource {
  watch(hostIds: number[], watchId: string | undefined): Promise<{ watchId: string }>;
  unwatch(watchId: string): void;
  /** The hypervisor sampling a VM (its `virsh domstats`), so a visible VM's numbers come as often as a host's. */
  parentOf(hostId: number): number | null;
}

/**
 * The hosts whose live status is on screen right now (each row counts itself in while mounted; the tree and
 * the table virtualise, so that is what is visible), watched together under one `metrics.watch` lease: one
 * request per change of the visible set, never one per row.
 */
export function createLiveRows(source: LiveRowsSource) {
  const counts = new Map<number, number>();
  let watchId: string | undefined;
  let sent = '';
  let pending: ReturnType<typeof setTimeout> | undefined;
  let renew: ReturnType<typeof setInterval> | undefined;

  const ids = () => {
    const all = new Set<number>();
    for (const id of counts.keys()) {
      all.add(id);
      const parent = source.parentOf(id);
      if (parent !== null) all.add(parent);
    }
    return [...all].sort((a, b) => a - b).slice(0, 500);
  };

  const send = () => {
    pending = undefined;
    const wanted = ids();
    if (wanted.join(',') === sent) return;
    if (wanted.length === 0) {
      clearInterval(renew);
      renew = undefined;
      if (watchId) source.unwatch(watchId);
      watchId = undefined;
      sent = '';
      return;
    }
    sent = wanted.join(',');
    source.watch(wanted, watchId).then(
      (w) => {
        if (counts.size === 0) source.unwatch(w.watchId);
        else watchId = w.watchId;
      },
      () => {},
    );
    renew ??= setInterval(renewNow, RENEW_MS);
  };

  /** The same lease again; the server answers with a new id when it no longer knows the old one (a reconnect). */
  const renewNow = () => {
    if (!sent) return;
    source.watch(sent.split(',').map(Number), watchId).then(
      (w) => {
        if (sent) watchId = w.watchId;
        else source.unwatch(w.watchId);
      },
      () => {},
    );
  };

  // Each row counts itself in and out as it mounts: a new filter over a full table is ~100 calls in one render.
  // They only note the time; the set is computed once, when the rows have been still for DEBOUNCE_MS.
  let lastChange = 0;
  const settle = () => {
    const wait = lastChange + DEBOUNCE_MS - Date.now();
    pending = wait > 0 ? setTimeout(settle, wait) : undefined;
    if (wait <= 0) send();
  };
  const changed = () => {
    lastChange = Date.now();
    pending ??= setTimeout(settle, DEBOUNCE_MS);
  };

  return {
    /** Counts a row of this host in; the returned function counts it out. */
    show(hostId: number): () => void {
      counts.set(hostId, (counts.get(hostId) ?? 0) + 1);
      changed();
      return () => {
        const n = (counts.get(hostId) ?? 1) - 1;
        if (n > 0) counts.set(hostId, n);
        else counts.delete(hostId);
        changed();
      };
    },
    /** Asks again when what `parentOf` knows has changed (the overview arrived). */
    refresh: changed,
    renewNow,
  };
}

type LiveRows = ReturnType<typeof createLiveRows>;

export function liveRowsOver(parentOf: (hostId: number) => number | null): LiveRows {
  const rows = createLiveRows({
    watch: (hostIds, watchId) =>
      call('metrics.watch', { hostIds, intervalSec: ROW_INTERVAL_SEC, ...(watchId ? { watchId } : {}) }),
    unwatch: (watchId) => void call('metrics.unwatch', { watchId }).catch(() => {}),
    parentOf,
  });
  onReconnect(rows.renewNow);
  return rows;
}
