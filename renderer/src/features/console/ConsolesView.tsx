import './console.css';
import '@xterm/xterm/css/xterm.css';
import { useT } from '../../i18n/i18n';
import { activateConsole, closeConsole, detachConsole, startOpening, useConsoles } from './consolesStore';
import { OpenConsoleDialog } from './OpenConsoleDialog';
import { SerialPane } from './SerialPane';
import { VncPane } from './VncPane';

/** VNC screens and serial consoles in tabs; only the active one is on the page, the others keep running. */
export function ConsolesView() {
  const t = useT();
  const store = useConsoles();
  const active = store.tabs.find((tab) => tab.key === store.activeKey) ?? null;
  return (
    <div className="console-view">
      <div className="console-tabs-bar">
        <div className="console-tabs" role="tablist" aria-label={t('console.tabs')}>
          {store.tabs.map((tab) => (
            <span key={tab.key} className="console-tab" data-state={tab.session.state}>
              <button
                type="button"
                role="tab"
                aria-selected={tab.key === store.activeKey}
                onClick={() => activateConsole(tab.key)}
              >
                <span className="console-kind">{t(`console.kind.${tab.kind}`)}</span> {tab.session.title}
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={t('console.closeTab', { title: tab.session.title })}
                title={t('console.closeTab', { title: tab.session.title })}
                onClick={() => closeConsole(tab.key)}
              >
                ×
              </button>
            </span>
          ))}
        </div>
        <span className="console-spacer" />
        <button type="button" onClick={() => startOpening('vnc')}>
          {t('console.newVnc')}
        </button>
        <button type="button" onClick={() => startOpening('serial')}>
          {t('console.newSerial')}
        </button>
      </div>
      {store.tabs.length === 0 && <p className="console-empty">{t('console.empty')}</p>}
      {active?.kind === 'vnc' && (
        <VncPane
          key={active.key}
          session={active.session}
          actions={
            <button type="button" title={t('console.detachHint')} onClick={() => detachConsole(active.key)}>
              {t('console.detach')}
            </button>
          }
        />
      )}
      {active?.kind === 'serial' && <SerialPane key={active.key} tab={active} />}
      {store.opening && <OpenConsoleDialog key={`${store.opening.kind}-${JSON.stringify(store.opening.preset)}`} />}
    </div>
  );
}
