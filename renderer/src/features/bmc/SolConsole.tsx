import type { Host } from '../../../../common/domain/host';
import { translate, getLanguage, useT } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { openConsoleTerminal } from '../terminal/terminalsStore';

/**
 * Serial-over-LAN opens as a terminal tab beside the SSH terminals (Alt+2), opened with `bmc.openSol` instead of
 * an SSH shell. "SOL payload already active" (a session left open elsewhere) is a `conflict`: the tab offers to
 * deactivate it and reconnect. Closing the tab closes the stream, which ends the BMC session.
 */
function openSol(host: Host): void {
  const text = (key: string) => translate(getLanguage(), key);
  openConsoleTerminal({
    hostId: host.id,
    title: `SOL ${host.name}`,
    kindKey: 'bmc.sol.kind',
    hintKey: 'bmc.sol.hint',
    text: {
      ended: text('bmc.sol.ended'),
      lost: text('bmc.sol.lost'),
      reconnect: text('bmc.sol.pressEnter'),
      reconnecting: text('bmc.sol.reconnecting'),
    },
    open: async () => {
      const { streamId } = await call('bmc.openSol', { host: host.id });
      return { streamId, title: `SOL ${host.name}` };
    },
    takeOver: {
      messageKey: 'bmc.sol.conflict',
      labelKey: 'bmc.sol.force',
      // If deactivating fails, the reconnect is refused again and the offer stays.
      run: (session) =>
        void call('bmc.deactivateSol', { host: host.id })
          .catch(() => {})
          .then(() => session.connect()),
    },
  });
}

/** The BMC panel's console tab: what SOL is, and the button that opens it in the terminals' strip. */
export function SolConsole({ host, canAct }: { host: Host; canAct: boolean }) {
  const t = useT();
  return (
    <section className="pw-panel bmc-sol" aria-label={t('bmc.tab.console')}>
      <div className="pw-toolbar">
        <span className="pw-muted">{t('bmc.sol.hint')}</span>
        <span className="pw-spacer" />
        {canAct && (
          <button type="button" className="pw-button pw-primary" onClick={() => openSol(host)}>
            {t('bmc.sol.open')}
          </button>
        )}
      </div>
      {canAct ? (
        <p className="pw-muted">{t('bmc.sol.opensInTerminals')}</p>
      ) : (
        <p className="pw-empty">{t('bmc.sol.readOnly')}</p>
      )}
    </section>
  );
}
