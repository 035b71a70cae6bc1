import { useSyncExternalStore } from 'react';
import type { VncTarget } from '../../../../common/contract/console';
import type { PowerTarget } from '../../../../common/contract/power';
import { navigate } from '../../app/navigation';
import { getLanguage, translate } from '../../i18n/i18n';
import { call } from '../../lib/api';
import { openConsoleTerminal } from '../terminal/terminalsStore';
import { listenForReattach } from './detach';

const CONSOLE_VIEW_ID = 'console';

export interface SerialSpec {
  vm?: PowerTarget;
  domain?: string;
  via?: PowerTarget;
  alias?: string;
  uri?: string;
}

/** The kinds of console this feature opens (each has its `console.kind.<kind>` badge). */
export type ConsoleKind = 'vnc' | 'serial';

interface ConsolesState {
  /** The "open a console" dialog of the Consoles view, with what it was opened for. */
  opening: { kind: ConsoleKind; preset: Partial<VncTarget & SerialSpec> } | null;
}

let state: ConsolesState = { opening: null };
const listeners = new Set<() => void>();

function set(changes: Partial<ConsolesState>): void {
  state = { ...state, ...changes };
  for (const l of listeners) l();
}

export function useConsoles(): ConsolesState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/**
 * A VNC screen as a new tab in the terminals' strip (several may be open at once, to the same or different
 * servers); shows the Terminals view with it active. The one entry point for every "open screen" action.
 */
export function openVnc(target: VncTarget, label: string): void {
  set({ opening: null });
  void import('./vncTab').then(({ openVncTab }) => openVncTab(target, label));
}

/**
 * A VM's serial console (virsh console on its hypervisor) as a terminal tab beside the SSH terminals. "In use"
 * offers an explicit take-over (`--force`); only that one open forces, a later reconnect never does.
 */
export function openSerial(spec: SerialSpec, label: string): void {
  set({ opening: null });
  const t = (key: string) => translate(getLanguage(), key);
  let force = false;
  openConsoleTerminal({
    hostId: 0,
    title: label,
    kindKey: 'console.kind.serial',
    hintKey: 'console.serial.hint',
    text: {
      ended: t('console.serial.ended'),
      lost: t('console.serial.lost'),
      reconnect: t('console.serial.pressEnter'),
      reconnecting: t('console.serial.reconnecting'),
    },
    open: async (cols, rows) => {
      try {
        return await call('console.openSerial', { ...spec, force, cols, rows });
      } finally {
        force = false;
      }
    },
    takeOver: {
      messageKey: 'console.serial.inUse',
      labelKey: 'console.serial.force',
      run: (session) => {
        force = true;
        void session.connect();
      },
    },
  });
}

/** The Consoles view's dialog: a console for any host:port, socket or domain. */
export function startOpening(kind: ConsoleKind, preset: Partial<VncTarget & SerialSpec> = {}): void {
  set({ opening: { kind, preset } });
  navigate({ view: CONSOLE_VIEW_ID, hostId: null });
}

export function cancelOpening(): void {
  set({ opening: null });
}

/** Called once by a main window: consoles re-attached from their own windows come back here as tabs. */
export function initConsoles(): void {
  listenForReattach((target, label) => openVnc(target, label));
}
