import { useEffect, useState } from 'react';
import type { CommandOutput } from '../../../../common/contract';
import { call, onEvent, onReconnect } from '../../lib/api';

export type Overview = CommandOutput<'metrics.overview'>;
export type AlertList = CommandOutput<'metrics.alerts'>;

/** Polls a query every `ms` and whenever one of `events` arrives (debounced to one call per second). */
export function usePolled<T>(
  load: () => Promise<T>,
  ms: number,
  events: ('metrics.alert' | 'metrics.reachability')[] = [],
) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let alive = true;
    let queued: ReturnType<typeof setTimeout> | null = null;
    const run = () =>
      load().then(
        (v) => alive && (setValue(v), setError(null)),
        (e: unknown) => alive && setError(e),
      );
    void run();
    const timer = setInterval(run, ms);
    const offs = events.map((name) =>
      onEvent(name, () => {
        queued ??= setTimeout(() => {
          queued = null;
          void run();
        }, 1000);
      }),
    );
    return () => {
      alive = false;
      clearInterval(timer);
      if (queued) clearTimeout(queued);
      offs.forEach((off) => off());
    };
    // `load` is a fresh closure each render; the caller's key (ms, events) decides when to restart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ms, events.join(), generation]);
  /** Loads again now (after a change the caller made). */
  const reload = () => setGeneration((n) => n + 1);
  return { value, error, reload };
}

/** Asks for 1-second samples of these hosts while mounted (a lease, renewed well within its term). */
export function useWatch(hostIds: number[]): void {
  const key = hostIds.join(',');
  useEffect(() => {
    if (!key) return;
    const ids = key.split(',').map(Number);
    let watchId: string | undefined;
    let alive = true;
    const renew = () =>
      call('metrics.watch', { hostIds: ids, intervalSec: 1, ...(watchId ? { watchId } : {}) }).then(
        (r) => {
          watchId = r.watchId;
          if (!alive) void call('metrics.unwatch', { watchId: r.watchId });
        },
        () => {},
      );
    void renew();
    const timer = setInterval(renew, 15_000);
    const offReconnect = onReconnect(() => void renew());
    return () => {
      alive = false;
      clearInterval(timer);
      offReconnect();
      if (watchId) void call('metrics.unwatch', { watchId }).catch(() => {});
    };
  }, [key]);
}
