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

/** One visible terminal: borrows the session's xterm element while mounted and keeps the remote pty's size in step. */
export function TerminalPane({ session, store }: Props) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const focused = store.focusedKey === session.key;

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
        <span className={`terminal-state terminal-state-${session.state}`}>{t(`terminal.state.${session.state}`)}</span>
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
      {store.searchKey === session.key && <SearchBar session={session} />}
      {session.state === 'ended' && <HostKeyGate key={session.hostKey?.problem.fingerprint} session={session} />}
      <div className="terminal-pane-body" ref={host} />
    </section>
  );
}
