import { useState } from 'react';
import type { ResolvedHost } from '../../../../common/contract/power';
import type { Host } from '../../../../common/domain/host';
import type { PowerAction } from '../../../../common/domain/power';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { BulkProgressPanel } from '../../ui/BulkProgressPanel';
import { ConfirmHostsDialog } from '../../ui/ConfirmHostsDialog';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { useBulkOperation } from '../../ui/useBulkOperation';
import { isDestructive, isPowerAction, type VmAction } from './vmActions';
// The progress panel and the confirmation are drawn with the Power view's styles.
import '../power/power.css';

/** Pause and resume go to libvirt one VM at a time, a few at once. */
const PAUSE_CONCURRENCY = 4;

/**
 * VM lifecycle from the inventory's row menu and selection bar, through the same `power.*` commands as the Power
 * view: the targets are resolved first so the confirmation names exactly the hosts acted on (protected ones
 * typed), then one bulk `power.set` with its live per-host progress and audit. Pause and resume use `virt.*`.
 */
export function useVmLifecycle() {
  const t = useT();
  const { op, start, dismiss } = useBulkOperation();
  const [pending, setPending] = useState<{
    action: PowerAction;
    ids: number[];
    hosts: ResolvedHost[];
    ordered: boolean;
  } | null>(null);
  const [error, setError] = useState<unknown>(null);

  const runPower = (
    action: PowerAction,
    ids: number[],
    hosts: ResolvedHost[],
    forceProtected: string[],
    ordered: boolean,
  ) => {
    setPending(null);
    const hostNames = hosts.map((h) => h.hostName);
    void start(
      (tr) => `${tr(`inventory.vm.${action}`)} (${hostNames.length})`,
      hostNames,
      async (operationId) =>
        (
          await call('power.set', {
            targets: ids,
            action,
            operationId,
            confirm: { hostNames },
            forceProtected,
            ordered,
          })
        ).results.map((x) => ({ ...x, stage: 0 })),
    );
  };

  const pauseOrResume = async (action: 'suspend' | 'resume', vms: readonly Host[]) => {
    const failures: string[] = [];
    const queue = [...vms];
    const worker = async () => {
      for (let vm = queue.shift(); vm; vm = queue.shift()) {
        try {
          await call(action === 'suspend' ? 'virt.suspend' : 'virt.resume', { vm: vm.id });
        } catch (e) {
          failures.push(`${vm.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PAUSE_CONCURRENCY, vms.length) }, worker));
    if (failures.length) setError(new Error(failures.join('; ')));
  };

  const request = async (action: VmAction, vms: readonly Host[], ordered = false) => {
    if (vms.length === 0) return;
    setError(null);
    if (!isPowerAction(action)) return pauseOrResume(action, vms);
    const ids = vms.map((h) => h.id);
    try {
      const hosts = await call('power.resolve', { targets: ids });
      if (isDestructive(action)) setPending({ action, ids, hosts, ordered });
      else runPower(action, ids, hosts, [], ordered);
    } catch (e) {
      setError(e);
    }
  };

  const panel = (
    <>
      <ErrorBanner error={error} />
      {op && <BulkProgressPanel op={op} onDismiss={dismiss} />}
      {pending && (
        <ConfirmHostsDialog
          title={t('power.confirm.title')}
          actionLabel={t(`inventory.vm.${pending.action}`)}
          consequence={t(`inventory.vm.consequence.${pending.action}`)}
          hosts={pending.hosts}
          onClose={() => setPending(null)}
          onConfirm={(force) => runPower(pending.action, pending.ids, pending.hosts, force, pending.ordered)}
        />
      )}
    </>
  );

  return { request, busy: op?.running ?? false, panel };
}

export type VmLifecycle = ReturnType<typeof useVmLifecycle>;
