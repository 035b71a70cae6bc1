import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';
import type { TerminalSession } from './terminalSession';
import { closeSession, focusSession, toggleTarget, type TerminalsState } from './terminalsStore';
import { SearchBar } from './SearchBar';
import { HostKeyGate } from '../ssh/HostKeyGate';

interface Props {
  session: TerminalSession;
  store: TerminalsState;
}

/**
 * One visible terminal (an SSH shell or a text console): borrows the session's xterm element while mounted and
 * keeps the remote pty's size in step. A console held by someone else offers its feature's take-over here.
 */
export function TerminalPane({ session, store }: Props) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const focused = store.focusedKey === session.key;
  const { console } = session;

  useEffect(() => {
    const parent = host.current!;
    session.show(parent);
    let frame = 0;
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => session.fitToPane());
    });
    observer.observe(parent);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      session.hide();
    };
  }, [session]);

  useEffect(() => {
    if (focused) session.focus();
  }, [focused, session]);

  return (
    <section
      className={`terminal-pane${focused ? ' focused' : ''}`}
      aria-label={session.title}
      data-state={session.state}
      onFocusCapture={() => focusSession(session.key)}
      onMouseDown={() => focusSession(session.key)}
    >
      <header className="terminal-pane-header">
        <span className="terminal-pane-title">{session.title}</span>
        <span className={`terminal-state terminal-state-${session.state}`} role="status" data-testid="terminal-state">
          {t(`terminal.state.${session.state}`)}
        </span>
        {console?.hintKey && <span className="terminal-pane-hint">{t(console.hintKey)}</span>}
        {session.state === 'ended' && (
          <button type="button" onClick={() => void session.connect()}>
            {t('terminal.reconnect')}
          </button>
        )}
        {store.broadcast && (
          <label className="terminal-broadcast-target">
            <input
              type="checkbox"
              checked={store.targets.has(session.key)}
              onChange={() => toggleTarget(session.key)}
            />
            {t('terminal.broadcastTarget')}
          </label>
        )}
        <button
          type="button"
          className="icon-button"
          aria-label={t('terminal.closePane')}
          title={t('terminal.closePane')}
          onClick={() => closeSession(session.key)}
        >
          ×
        </button>
      </header>
      {console?.takeOver && session.state === 'ended' && session.endCode === 'conflict' && (
        <div className="terminal-takeover" role="alert">
          <p>{t(console.takeOver.messageKey)}</p>
          <button type="button" className="danger" onClick={() => console.takeOver!.run(session)}>
            {t(console.takeOver.labelKey)}
          </button>
        </div>
      )}
      {store.searchKey === session.key && <SearchBar session={session} />}
      {session.state === 'ended' && !console && (
        <HostKeyGate key={session.hostKey?.problem.fingerprint} session={session} />
      )}
      <div className="terminal-pane-body" ref={host} />
    </section>
  );
}
