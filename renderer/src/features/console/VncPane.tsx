import './console.css';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { PasswordDialog } from './PasswordDialog';
import { KEYSYM, type ScaleMode, type VncSession } from './vncSession';

const COMBOS: { id: string; label: string; modifiers: number[]; key: number }[] = [
  { id: 'cab', label: 'Ctrl+Alt+Backspace', modifiers: [KEYSYM.controlL, KEYSYM.altL], key: KEYSYM.backspace },
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `caf${i + 1}`,
    label: `Ctrl+Alt+F${i + 1}`,
    modifiers: [KEYSYM.controlL, KEYSYM.altL],
    key: KEYSYM.f1 + i,
  })),
  ...Array.from({ length: 12 }, (_, i) => ({
    id: `af${i + 1}`,
    label: `Alt+F${i + 1}`,
    modifiers: [KEYSYM.altL],
    key: KEYSYM.f1 + i,
  })),
  { id: 'f8', label: 'F8', modifiers: [], key: KEYSYM.f1 + 7 },
  { id: 'super', label: 'Super', modifiers: [], key: KEYSYM.superL },
  { id: 'print', label: 'Print Screen', modifiers: [], key: KEYSYM.printScreen },
];

/** One VNC console: its screen, and every control a sysadmin reaches for, on the toolbar and keyboard-reachable. */
export function VncPane({ session, actions }: { session: VncSession; actions?: ReactNode }) {
  const t = useT();
  const pane = useRef<HTMLElement>(null);
  const screen = useRef<HTMLDivElement>(null);
  const [outgoing, setOutgoing] = useState('');

  useEffect(() => {
    screen.current!.appendChild(session.element);
    session.focus();
    return () => session.element.remove();
  }, [session]);

  // The screen takes every key once focused; F8 (as in TigerVNC's viewer) hands the keyboard back to the toolbar.
  // F8 itself reaches the remote end from the "Send keys" menu.
  useEffect(() => {
    const section = pane.current!;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F8' || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      e.stopPropagation();
      section.querySelector<HTMLElement>('.console-toolbar input, .console-toolbar select')?.focus();
    };
    section.addEventListener('keydown', onKey, true);
    return () => section.removeEventListener('keydown', onKey, true);
  }, []);

  const screenshot = async () => {
    const blob = await session.screenshot();
    if (!blob) return;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${session.title.replace(/[^\w.-]+/g, '_')}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  };

  const connected = session.state === 'connected';
  const unicode = connected && session.unicodeClipboard;
  // Classic cut text is Latin-1: say so before characters beyond it would silently arrive as "?".
  const lossy = connected && !unicode && [...outgoing].some((c) => c.codePointAt(0)! > 0xff);
  return (
    <section ref={pane} className="console-pane" aria-label={session.title} data-state={session.state}>
      <div className="console-toolbar" role="toolbar" aria-label={t('console.toolbar')}>
        <span className={`console-state console-state-${session.state}`} role="status" data-testid="console-state">
          {session.state === 'reconnecting'
            ? t('console.state.reconnecting', { seconds: session.retryInSec })
            : t(`console.state.${session.state}`)}
        </span>
        {session.desktopName && <span className="console-desktop">{session.desktopName}</span>}
        <span className="console-hint">{t('console.keyboardHint')}</span>
        <span className="console-spacer" />
        <label className="console-check">
          <input type="checkbox" checked={session.viewOnly} onChange={(e) => session.setViewOnly(e.target.checked)} />
          {t('console.viewOnly')}
        </label>
        <label>
          <span className="visually-hidden">{t('console.scale')}</span>
          <select
            aria-label={t('console.scale')}
            value={session.scale}
            onChange={(e) => session.setScale(e.target.value as ScaleMode)}
          >
            <option value="fit">{t('console.scale.fit')}</option>
            <option value="actual">{t('console.scale.actual')}</option>
            <option value="remote">{t('console.scale.remote')}</option>
          </select>
        </label>
        <button type="button" disabled={!connected || session.viewOnly} onClick={() => session.sendCtrlAltDel()}>
          Ctrl+Alt+Del
        </button>
        <select
          aria-label={t('console.sendKeys')}
          value=""
          disabled={!connected || session.viewOnly}
          onChange={(e) => {
            const combo = COMBOS.find((c) => c.id === e.target.value);
            if (combo) session.sendCombo(combo.modifiers, combo.key);
            session.focus();
          }}
        >
          <option value="">{t('console.sendKeys')}</option>
          {COMBOS.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="button" disabled={!connected} onClick={() => void screenshot()}>
          {t('console.screenshot')}
        </button>
        <button type="button" onClick={() => void pane.current?.requestFullscreen?.()}>
          {t('console.fullscreen')}
        </button>
        {actions}
        {(session.state === 'ended' || session.state === 'reconnecting') && (
          <button type="button" className="primary" onClick={() => void session.connect()}>
            {t('console.reconnect')}
          </button>
        )}
      </div>
      <div className="console-clipboard">
        <label>
          {t('console.clipboard.remote')}
          <input readOnly value={session.remoteClipboard} placeholder={t('console.clipboard.empty')} />
        </label>
        <button
          type="button"
          disabled={!session.remoteClipboard}
          onClick={() => void navigator.clipboard?.writeText(session.remoteClipboard).catch(() => {})}
        >
          {t('console.clipboard.copy')}
        </button>
        <form
          className="console-clipboard-send"
          onSubmit={(e) => {
            e.preventDefault();
            session.pasteToRemote(outgoing);
          }}
        >
          <label>
            {t('console.clipboard.send')}
            <input value={outgoing} onChange={(e) => setOutgoing(e.target.value)} disabled={session.viewOnly} />
          </label>
          <button type="submit" disabled={!connected || session.viewOnly || !outgoing}>
            {t('console.clipboard.sendButton')}
          </button>
        </form>
        {connected && (
          <span className="console-clipboard-mode" data-testid="clipboard-mode">
            {t(unicode ? 'console.clipboard.unicode' : 'console.clipboard.latin1Only')}
          </span>
        )}
        {lossy && (
          <p className="console-clipboard-note" role="note">
            {t('console.clipboard.lossy')}
          </p>
        )}
      </div>
      {session.message && session.state !== 'connected' && session.state !== 'password' && (
        <p className="console-message" role="alert">
          {session.message}
        </p>
      )}
      <div className={`console-screen-host console-scale-${session.scale}`} ref={screen} />
      {session.state === 'password' && <PasswordDialog session={session} />}
    </section>
  );
}
