import '@xterm/xterm/css/xterm.css';
import { useEffect, useReducer, useRef, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { translate, getLanguage, useT } from '../../i18n/i18n';
import { ApiError } from '../../lib/apiError';
import { call } from '../../lib/api';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { TerminalSession } from '../terminal/terminalSession';

const FONT_SIZE = 14;

/**
 * Serial-over-LAN in the terminal engineer's xterm session, opened with `bmc.openSol` instead of an SSH shell.
 * "SOL payload already active" (a session left open elsewhere) is a `conflict`: the user may deactivate it and
 * reconnect. Closing the console closes the stream, which ends the BMC session.
 */
export function SolConsole({ host, canAct }: { host: Host; canAct: boolean }) {
  const t = useT();
  const pane = useRef<HTMLDivElement>(null);
  const [session, setSession] = useState<TerminalSession | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  useEffect(() => {
    if (!session) return;
    const parent = pane.current!;
    session.show(parent);
    session.focus();
    const observer = new ResizeObserver(() => session.fitToPane());
    observer.observe(parent);
    return () => {
      observer.disconnect();
      session.dispose();
    };
  }, [session]);

  const open = () => {
    setError(null);
    setSession(newSession());
  };

  const newSession = () => {
    const text = (key: string) => translate(getLanguage(), key);
    const next = new TerminalSession(
      host.id,
      host.name,
      FONT_SIZE,
      {
        onInput: (from, data) => from.send(data),
        onChange: rerender,
        onShortcut: () => false,
      },
      {
        ended: text('bmc.sol.ended'),
        lost: text('bmc.sol.lost'),
        reconnect: text('bmc.sol.pressEnter'),
        reconnecting: text('bmc.sol.reconnecting'),
      },
      async () => {
        try {
          const { streamId } = await call('bmc.openSol', { host: host.id });
          setError(null);
          return { streamId, title: `SOL ${host.name}` };
        } catch (e) {
          setError(e);
          throw e;
        }
      },
    );
    void next.connect();
    return next;
  };

  const forceReconnect = async () => {
    setError(null);
    try {
      await call('bmc.deactivateSol', { host: host.id });
      // A fresh session: the old one's stream may still report its end after the new one is up.
      setSession(newSession());
    } catch (e) {
      setError(e);
    }
  };

  const conflict = error instanceof ApiError && error.code === 'conflict';
  return (
    <section className="pw-panel bmc-sol" aria-label={t('bmc.tab.console')}>
      <div className="pw-toolbar">
        <span className="pw-muted">{t('bmc.sol.hint')}</span>
        {session && (
          <span className={`pw-badge bmc-sol-${session.state}`} role="status" data-state={session.state}>
            {t(`bmc.sol.state.${session.state}`)}
          </span>
        )}
        <span className="pw-spacer" />
        {canAct && !session && (
          <button type="button" className="pw-button pw-primary" onClick={open}>
            {t('bmc.sol.open')}
          </button>
        )}
        {canAct && session?.state === 'ended' && (
          <button type="button" className="pw-button" onClick={() => void session.connect()}>
            {t('bmc.sol.reconnect')}
          </button>
        )}
        {canAct && session && (
          <button type="button" className="pw-button pw-warn" onClick={() => void forceReconnect()}>
            {t('bmc.sol.force')}
          </button>
        )}
        {session && (
          <button type="button" className="pw-button" onClick={() => setSession(null)}>
            {t('bmc.sol.close')}
          </button>
        )}
      </div>
      {!canAct && <p className="pw-empty">{t('bmc.sol.readOnly')}</p>}
      {conflict && (
        <p className="pw-notice" role="alert">
          {t('bmc.sol.conflict')}
        </p>
      )}
      <ErrorBanner error={error} />
      {session && <div className="bmc-sol-screen" ref={pane} />}
    </section>
  );
}
