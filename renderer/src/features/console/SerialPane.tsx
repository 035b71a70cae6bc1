import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/i18n';
import { forceSerial, type ConsoleTab } from './consolesStore';

/** A serial console: the terminals' xterm session (same look, keys and scrollback), kept while its tab is hidden. */
export function SerialPane({ tab }: { tab: Extract<ConsoleTab, { kind: 'serial' }> }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const { session } = tab;

  useEffect(() => {
    const parent = host.current!;
    session.show(parent);
    session.focus();
    const observer = new ResizeObserver(() => session.fitToPane());
    observer.observe(parent);
    return () => {
      observer.disconnect();
      session.hide();
    };
  }, [session]);

  return (
    <section className="console-pane" aria-label={session.title} data-state={session.state}>
      <div className="console-toolbar" role="toolbar" aria-label={t('console.toolbar')}>
        <span className={`console-state console-state-${session.state}`} role="status" data-testid="console-state">
          {t(`console.serial.state.${session.state}`)}
        </span>
        <span className="console-hint">{t('console.serial.hint')}</span>
        <span className="console-spacer" />
        {session.state === 'ended' && (
          <button type="button" onClick={() => void session.connect()}>
            {t('console.reconnect')}
          </button>
        )}
      </div>
      {tab.inUse && session.state === 'ended' && (
        <div className="console-message" role="alert">
          <p>{t('console.serial.inUse')}</p>
          <button type="button" className="danger" onClick={() => forceSerial(tab.key)}>
            {t('console.serial.force')}
          </button>
        </div>
      )}
      <div className="console-terminal" ref={host} />
    </section>
  );
}
