import './console.css';
import { useT } from '../../i18n/i18n';
import { activateTab, useTerminals } from '../terminal/terminalsStore';
import { startOpening, useConsoles } from './consolesStore';
import { OpenConsoleDialog } from './OpenConsoleDialog';

/**
 * Where a console for any host:port, unix socket or libvirt domain is opened. Consoles themselves open as tabs in
 * the terminals' strip (Alt+2); this view lists them and jumps to one.
 */
export function ConsolesView() {
  const t = useT();
  const { opening } = useConsoles();
  const { tabs } = useTerminals();
  const consoles = tabs.flatMap((tab) => {
    const kindKey = tab.screen?.kindKey ?? tab.panes[0]?.console?.kindKey;
    if (!kindKey) return [];
    const title = tab.screen?.title ?? tab.panes[0]!.title;
    const state = tab.screen?.state ?? tab.panes[0]!.state;
    return [{ id: tab.id, kindKey, title, state }];
  });
  return (
    <div className="console-view">
      <div className="console-tabs-bar">
        <button type="button" onClick={() => startOpening('vnc')}>
          {t('console.newVnc')}
        </button>
        <button type="button" onClick={() => startOpening('serial')}>
          {t('console.newSerial')}
        </button>
      </div>
      <p className="console-empty">{t('console.inTerminals')}</p>
      {consoles.length > 0 && (
        <ul className="console-list" aria-label={t('console.tabs')}>
          {consoles.map((c) => (
            <li key={c.id} data-state={c.state}>
              <button type="button" onClick={() => activateTab(c.id, true)}>
                <span className="console-kind">{t(c.kindKey)}</span> {c.title}
              </button>
            </li>
          ))}
        </ul>
      )}
      {opening && <OpenConsoleDialog key={`${opening.kind}-${JSON.stringify(opening.preset)}`} />}
    </div>
  );
}
