import { useCallback, useState } from 'react';
import type { ResolvedHost } from '../../../../common/contract/power';
import { DESTRUCTIVE_ACTIONS, POWER_ACTIONS, type PowerAction } from '../../../../common/domain/power';
import { useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { BootDeviceDialog } from './BootDeviceDialog';
import { ConfirmHostsDialog } from '../../ui/ConfirmHostsDialog';
import { IdentifyCountdown, type IdentifyTimer } from './IdentifyCountdown';
import { IdentifyDialog } from './IdentifyDialog';
import type { BulkStart } from '../../ui/useBulkOperation';

type Pending =
  | { kind: 'power'; action: PowerAction; hosts: ResolvedHost[] }
  | { kind: 'boot'; hosts: ResolvedHost[] }
  | { kind: 'identify'; hosts: ResolvedHost[] };

interface PowerActionsProps {
  hostIds: readonly number[];
  start: BulkStart;
  busy: boolean;
}

/**
 * The power buttons for the selected hosts. Destructive actions first resolve the targets (without touching a
 * BMC) so the confirmation names exactly the hosts the server will act on, then pass those names back as the
 * contract's `confirm` and, for protected hosts, `forceProtected`.
 */
export function PowerActions({ hostIds, start, busy }: PowerActionsProps) {
  const t = useT();
  const [pending, setPending] = useState<Pending | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [identifyTimer, setIdentifyTimer] = useState<IdentifyTimer | null>(null);
  const [ordered, setOrdered] = useState(false);
  const endIdentifyTimer = useCallback(() => setIdentifyTimer(null), []);
  const targets = [...hostIds];
  const disabled = busy || hostIds.length === 0;

  const open = async (make: (hosts: ResolvedHost[]) => Pending | null) => {
    setError(null);
    try {
      const hosts = await call('power.resolve', { targets });
      const next = make(hosts);
      if (next) setPending(next);
    } catch (e) {
      setError(e);
    }
  };

  const runPower = (action: PowerAction, hosts: ResolvedHost[], forceProtected: string[]) => {
    setPending(null);
    const hostNames = hosts.map((h) => h.hostName);
    void start(
      (tr) => tr(`power.action.${action}`),
      hostNames,
      async (operationId) => {
        const r = await call('power.set', {
          targets,
          action,
          operationId,
          confirm: { hostNames },
          forceProtected,
          ordered,
        });
        return r.results.map((x) => ({ ...x, stage: 0 }));
      },
    );
  };

  const onAction = (action: PowerAction) =>
    open((hosts) => {
      if (DESTRUCTIVE_ACTIONS.includes(action)) return { kind: 'power', action, hosts };
      runPower(action, hosts, []);
      return null;
    });

  return (
    <>
      <div className="pw-actions" role="toolbar" aria-label={t('power.actions')}>
        {POWER_ACTIONS.map((action) => (
          <button
            key={action}
            type="button"
            className={`pw-button ${DESTRUCTIVE_ACTIONS.includes(action) ? 'pw-warn' : 'pw-primary'}`}
            disabled={disabled}
            onClick={() => void onAction(action)}
          >
            {t(`power.action.${action}`)}
          </button>
        ))}
        <label className="pw-ordered" title={t('power.orderedHint')}>
          <input type="checkbox" checked={ordered} onChange={(e) => setOrdered(e.target.checked)} />{' '}
          {t('power.ordered')}
        </label>
        <span className="pw-sep" aria-hidden="true" />
        <button
          type="button"
          className="pw-button"
          disabled={disabled}
          onClick={() => void open((hosts) => ({ kind: 'boot', hosts }))}
        >
          {t('power.boot.button')}
        </button>
        <button
          type="button"
          className="pw-button"
          disabled={disabled}
          onClick={() => void open((hosts) => ({ kind: 'identify', hosts }))}
        >
          {t('power.identify.button')}
        </button>
      </div>
      <ErrorBanner error={error} />
      {pending?.kind === 'power' && (
        <ConfirmHostsDialog
          title={t('power.confirm.title')}
          actionLabel={t(`power.action.${pending.action}`)}
          consequence={t(`power.consequence.${pending.action}`)}
          hosts={pending.hosts}
          onClose={() => setPending(null)}
          onConfirm={(force) => runPower(pending.action, pending.hosts, force)}
        />
      )}
      {pending?.kind === 'boot' && (
        <BootDeviceDialog
          hostNames={pending.hosts.map((h) => h.hostName)}
          onClose={() => setPending(null)}
          onConfirm={(device, persistent) => {
            const hostNames = pending.hosts.map((h) => h.hostName);
            setPending(null);
            void start(
              (tr) => tr('power.boot.running', { device: tr(`power.boot.${device}`) }),
              hostNames,
              async (operationId) =>
                (await call('power.bootDevice', { targets, device, persistent, operationId })).results.map((x) => ({
                  ...x,
                  stage: 0,
                })),
            );
          }}
        />
      )}
      {pending?.kind === 'identify' && (
        <IdentifyDialog
          hostNames={pending.hosts.map((h) => h.hostName)}
          appTimed={pending.hosts.filter((h) => h.identifyTimer === 'app').map((h) => h.hostName)}
          onClose={() => setPending(null)}
          onConfirm={(seconds, force) => {
            const hosts = pending.hosts;
            const hostNames = hosts.map((h) => h.hostName);
            setPending(null);
            void start(
              (tr) => tr('power.identify.running'),
              hostNames,
              async (operationId) => {
                const startedAt = Date.now();
                const { results } = await call('power.identify', { targets, seconds, force, operationId });
                // Any identify replaces a running countdown (the server replaced the pending LED-off as well).
                const appTimed = new Set(hosts.filter((h) => h.identifyTimer === 'app').map((h) => h.hostId));
                const lit = results.filter((r) => r.ok && appTimed.has(r.hostId));
                setIdentifyTimer(
                  seconds > 0 && !force && lit.length
                    ? {
                        hostNames: lit.map((r) => r.hostName),
                        hostIds: lit.map((r) => r.hostId),
                        endsAt: startedAt + seconds * 1000,
                      }
                    : null,
                );
                return results.map((x) => ({ ...x, stage: 0 }));
              },
            );
          }}
        />
      )}
      {identifyTimer && (
        <IdentifyCountdown
          timer={identifyTimer}
          onDone={endIdentifyTimer}
          onTurnOff={() => {
            const { hostNames, hostIds: lit } = identifyTimer;
            setIdentifyTimer(null);
            void start(
              (tr) => tr('power.identify.running'),
              hostNames,
              async (operationId) =>
                (await call('power.identify', { targets: lit, seconds: 0, force: false, operationId })).results.map(
                  (x) => ({ ...x, stage: 0 }),
                ),
            );
          }}
        />
      )}
    </>
  );
}
