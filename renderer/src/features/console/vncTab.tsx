import type { VncTarget } from '../../../../common/contract/console';
import { useT } from '../../i18n/i18n';
import { closeTab, openScreenTab, screenChanged } from '../terminal/terminalsStore';
import { openConsoleWindow } from './detach';
import { VncPane } from './VncPane';
import { VncSession } from './vncSession';

/** A VNC session as a screen tab of the terminals' strip (loaded with the first console, not with the app). */
export function openVncTab(target: VncTarget, label: string): void {
  const session = new VncSession(target, label, screenChanged);
  /**
   * Moves the console into its own window: this tab's connection ends and the window connects again (a VNC
   * session cannot be handed between two viewers mid-stream); "Re-attach" there brings it back here as a tab.
   */
  const detach = () => {
    openConsoleWindow(target, session.title);
    closeTab(tabId);
  };
  const Pane = () => <VncPane session={session} actions={<DetachButton onDetach={detach} />} />;
  const tabId = openScreenTab({
    kindKey: 'console.kind.vnc',
    get title() {
      return session.title;
    },
    get state() {
      return session.state;
    },
    get live() {
      return session.live;
    },
    Pane,
    dispose: () => session.dispose(),
  });
  void session.connect();
}

function DetachButton({ onDetach }: { onDetach: () => void }) {
  const t = useT();
  return (
    <button type="button" title={t('console.detachHint')} onClick={onDetach}>
      {t('console.detach')}
    </button>
  );
}
