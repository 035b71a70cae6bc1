import { useEffect, useState } from 'react';
import type { BmcHealth } from '../../../common/contract/bmc';
import { call, onEvent } from '../lib/api';

/** BMCs hang under bursts of requests, so the view polls no faster than this. */
const HEALTH_INTERVAL_SEC = 30;

export type HealthByHost = ReadonlyMap<number, BmcHealth>;

function usePageVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * Health of these hosts, kept fresh by a `bmc.watch` while the page is visible and dropped with `bmc.unwatch`
 * when it is hidden or the view goes away: nobody looking means no BMC is polled. Power changes seen by any
 * command (`power.state`) update the power column at once.
 */
export function useHealthWatch(hostIds: readonly number[]): HealthByHost {
  const [health, setHealth] = useState<HealthByHost>(new Map());
  const visible = usePageVisible();
  const key = hostIds.join(',');

  useEffect(() => {
    const wanted = new Set(hostIds);
    const offHealth = onEvent('bmc.health', (h) => {
      if (wanted.has(h.hostId)) setHealth((prev) => new Map(prev).set(h.hostId, h));
    });
    const offState = onEvent('power.state', (s) => {
      setHealth((prev) => {
        const current = prev.get(s.hostId);
        return current ? new Map(prev).set(s.hostId, { ...current, power: s.state }) : prev;
      });
    });
    return () => {
      offHealth();
      offState();
    };
    // key stands for hostIds: a new array with the same ids must not resubscribe.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  useEffect(() => {
    if (!visible || hostIds.length === 0) return;
    const targets = [...hostIds];
    let stopped = false;
    let watchId: string | undefined;
    let renew: ReturnType<typeof setTimeout> | undefined;

    const store = (list: BmcHealth[]) =>
      setHealth((prev) => {
        const next = new Map(prev);
        for (const h of list) next.set(h.hostId, h);
        return next;
      });
    const watch = async () => {
      try {
        const lease = await call('bmc.watch', { targets, intervalSec: HEALTH_INTERVAL_SEC, watchId });
        watchId = lease.watchId;
        if (stopped) return void call('bmc.unwatch', { watchId }).catch(() => undefined);
        renew = setTimeout(() => void watch(), Math.max(5, lease.leaseSec / 2) * 1000);
      } catch {
        // The next renewal tries again; the table shows the last health it had.
        if (!stopped) renew = setTimeout(() => void watch(), HEALTH_INTERVAL_SEC * 1000);
      }
    };
    // One immediate answer so the table is not blank until the watcher's first round.
    call('bmc.health', { targets })
      .then((list) => !stopped && store(list))
      .catch(() => undefined);
    void watch();
    return () => {
      stopped = true;
      clearTimeout(renew);
      if (watchId) void call('bmc.unwatch', { watchId }).catch(() => undefined);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, visible]);

  return health;
}
