import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useEffect } from 'react';
import { useT } from '../../i18n/i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { TerminalPane } from './TerminalPane';
import { tabShortcut } from './tabShortcuts';
import { activateTab, closeTab, setBroadcast, setFontSize, splitFocused, useTerminals } from './terminalsStore';

/**
 * Tabs of terminals (each split into panes) and consoles (serial, SOL, VNC screens) in one strip; only the active
 * tab is on the page (and uses WebGL), the others keep their sessions and scrollback.
 */
export function TerminalsView() {
  const t = useT();
  const store = useTerminals();
  const active = store.tabs.find((tab) => tab.id === store.activeTabId) ?? null;
  const focused = active?.panes.find((p) => p.key === store.focusedKey) ?? active?.panes[0];
  const canSplit = !!focused && !focused.console;

  // Capture phase: the tab keys work from inside a terminal or a VNC screen, which otherwise take every key.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (tabShortcut(e)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  if (store.tabs.length === 0) {
    return (
      <div className="terminal-empty">
        <p>{t('terminal.empty')}</p>
      </div>
    );
  }

  return (
    <div className={`terminal-view${store.broadcast ? ' broadcasting' : ''}`}>
      <div className="terminal-toolbar">
        <div
          className="terminal-tabs"
          role="tablist"
          aria-label={t('terminal.tabs')}
          aria-keyshortcuts="Control+PageUp Control+PageDown Control+Shift+W"
          title={t('terminal.tabKeys')}
        >
          {store.tabs.map((tab) => {
            const title = tab.screen ? tab.screen.title : tab.panes.map((p) => p.title).join(' | ');
            const kindKey = tab.screen?.kindKey ?? tab.panes[0]?.console?.kindKey;
            return (
              <span key={tab.id} className="terminal-tab" data-state={tab.screen?.state ?? tab.panes[0]?.state}>
                <button
                  type="button"
                  role="tab"
                  aria-selected={tab.id === store.activeTabId}
                  onClick={() => activateTab(tab.id)}
                >
                  {kindKey && <span className="terminal-tab-kind">{t(kindKey)}</span>} {title}
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('terminal.closeTabNamed', { title })}
                  title={t('terminal.closeTabNamed', { title })}
                  onClick={() => closeTab(tab.id)}
                >
                  ×
                </button>
              </span>
            );
          })}
        </div>
        <span className="terminal-toolbar-spacer" />
        <button type="button" disabled={!canSplit} onClick={() => splitFocused('row')}>
          {t('terminal.splitRight')}
        </button>
        <button type="button" disabled={!canSplit} onClick={() => splitFocused('column')}>
          {t('terminal.splitDown')}
        </button>
        <button type="button" title={t('terminal.zoomHint')} onClick={() => setFontSize(store.fontSize - 1)}>
          A−
        </button>
        <button type="button" title={t('terminal.zoomHint')} onClick={() => setFontSize(store.fontSize + 1)}>
          A+
        </button>
        <button
          type="button"
          className={store.broadcast ? 'danger' : undefined}
          aria-pressed={store.broadcast}
          onClick={() => setBroadcast(!store.broadcast)}
        >
          {t(store.broadcast ? 'terminal.broadcastOff' : 'terminal.broadcastOn')}
        </button>
      </div>
      {store.broadcast && (
        <div className="terminal-broadcast-banner" role="status">
          {t('terminal.broadcasting', { count: store.targets.size })}
        </div>
      )}
      {active?.screen && (
        <div className="terminal-screen" role="tabpanel">
          <active.screen.Pane key={active.id} />
        </div>
      )}
      {active && !active.screen && (
        <div className={`terminal-panes terminal-panes-${active.direction}`} role="tabpanel">
          {active.panes.map((session) => (
            <TerminalPane key={session.key} session={session} store={store} />
          ))}
        </div>
      )}
      <ConfirmDialog />
    </div>
  );
}
