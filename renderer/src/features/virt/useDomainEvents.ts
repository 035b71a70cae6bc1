import { useEffect } from 'react';
import { call, onEvent } from '../../lib/api';

/**
 * While mounted: watches the hypervisor's domain events (renewing the lease) and calls `onChange` once per burst
 * of events, so the list follows starts, stops and snapshots made anywhere (virsh, virt-manager, another door).
 */
export function useDomainEvents(hypervisorId: number, onChange: () => void): void {
  useEffect(() => {
    let watchId: string | undefined;
    let renew: ReturnType<typeof setTimeout> | undefined;
    let burst: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const watch = () =>
      call('virt.watch', { host: hypervisorId, ...(watchId ? { watchId } : {}) }).then(
        (w) => {
          watchId = w.watchId;
          if (live) renew = setTimeout(watch, (w.leaseSec * 1000) / 2);
          else void call('virt.unwatch', { watchId: w.watchId });
        },
        () => {
          if (live) renew = setTimeout(watch, 10_000);
        },
      );
    void watch();
    const off = onEvent('virt.domainEvent', (e) => {
      if (e.hypervisorId !== hypervisorId) return;
      clearTimeout(burst);
      burst = setTimeout(onChange, 400);
    });
    return () => {
      live = false;
      off();
      clearTimeout(renew);
      clearTimeout(burst);
      if (watchId) void call('virt.unwatch', { watchId });
    };
  }, [hypervisorId, onChange]);
}
