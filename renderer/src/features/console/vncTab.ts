import { createElement } from 'react';
import type { VncTarget } from '../../../../common/contract/console';
import { openScreenTab, screenChanged } from '../terminal/terminalsStore';
import { VncPane } from './VncPane';
import { VncSession } from './vncSession';

/** A VNC session as a screen tab of the terminals' strip (loaded with the first console, not with the app). */
export function openVncTab(target: VncTarget, label: string): void {
  const session = new VncSession(target, label, screenChanged);
  const Pane = () => createElement(VncPane, { session });
  openScreenTab({
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
