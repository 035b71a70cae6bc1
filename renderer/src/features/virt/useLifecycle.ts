import { useState } from 'react';
import { call } from '../../lib/api';

export type LifecycleAction = 'on' | 'soft' | 'reboot' | 'off' | 'reset';
const DESTRUCTIVE: readonly LifecycleAction[] = ['soft', 'reboot', 'off', 'reset'];

/**
 * VM lifecycle through the power feature (the libvirt driver), so confirmations, protected hosts, concurrency
 * and the audit log are the same as for bare metal. Destructive actions wait for `confirm()`.
 */
export function useLifecycle(onDone: () => void) {
  const [pending, setPending] = useState<{ action: LifecycleAction; hostNames: string[]; ordered: boolean } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const send = async (action: LifecycleAction, hostNames: string[], ordered: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const r = await call('power.set', {
        targets: hostNames,
        action,
        waitSec: 60,
        ordered,
        ...(DESTRUCTIVE.includes(action) ? { confirm: { hostNames } } : {}),
      });
      const failed = r.results.filter((x) => !x.ok);
      if (failed.length) setError(new Error(failed.map((x) => `${x.hostName}: ${x.error?.message ?? ''}`).join('; ')));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      onDone();
    }
  };

  return {
    busy,
    error,
    pending,
    /** `ordered`: in the hosts' start order with their delays (reverse order when stopping). */
    request(action: LifecycleAction, hostNames: string[], ordered = false) {
      if (hostNames.length === 0) return;
      if (DESTRUCTIVE.includes(action)) setPending({ action, hostNames, ordered });
      else void send(action, hostNames, ordered);
    },
    confirm() {
      if (!pending) return;
      setPending(null);
      void send(pending.action, pending.hostNames, pending.ordered);
    },
    cancel: () => setPending(null),
  };
}
