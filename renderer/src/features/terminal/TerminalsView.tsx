import '@xterm/xterm/css/xterm.css';
import './terminal.css';
import { useT } from '../../i18n/i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { TerminalPane } from './TerminalPane';
import { activateTab, closeTab, setBroadcast, setFontSize, splitFocused, useTerminals } from './terminalsStore';

/** Tabs of terminals, each split into panes; only the active tab's terminals are on the page (and use WebGL). */
export function TerminalsView() {
  const t = useT();
  const store = useTerminals();
  const active = store.tabs.find((tab) => tab.id === store.activeTabId) ?? null;

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
        <div className="terminal-tabs" role="tablist" aria-label={t('terminal.tabs')}>
          {store.tabs.map((tab) => (
            <span key={tab.id} className="terminal-tab" data-state={tab.panes[0]?.state}>
              <button
                type="button"
                role="tab"
                aria-selected={tab.id === store.activeTabId}
                onClick={() => activateTab(tab.id)}
              >
                {tab.panes.map((p) => p.title).join(' | ')}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t('terminal.closeTab')}
                title={t('terminal.closeTab')}
                onClick={() => closeTab(tab.id)}
              >
                ×
              </button>
            </span>
          ))}
        </div>
        <span className="terminal-toolbar-spacer" />
        <button type="button" onClick={() => splitFocused('row')}>
          {t('terminal.splitRight')}
        </button>
        <button type="button" onClick={() => splitFocused('column')}>
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
      {active && (
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
