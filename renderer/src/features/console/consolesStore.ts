import { useSyncExternalStore } from 'react';
import type { VncTarget } from '../../../../common/contract/console';
import type { PowerTarget } from '../../../../common/contract/power';
import { navigate } from '../../app/navigation';
import { getLanguage, translate } from '../../i18n/i18n';
import { ApiError } from '../../lib/apiError';
import { call } from '../../lib/api';
import type { TerminalSession } from '../terminal/terminalSession';
import { listenForReattach, openConsoleWindow } from './detach';
import { VncSession } from './vncSession';

const CONSOLE_VIEW_ID = 'console';

export interface SerialSpec {
  vm?: PowerTarget;
  domain?: string;
  via?: PowerTarget;
  alias?: string;
  uri?: string;
}

export type ConsoleTab =
  | { key: number; kind: 'vnc'; session: VncSession }
  | { key: number; kind: 'serial'; session: TerminalSession; spec: SerialSpec; label: string; inUse: boolean };

interface ConsolesState {
  tabs: ConsoleTab[];
  activeKey: number | null;
  /** The "open a console" dialog, with what it was opened for. */
  opening: { kind: 'vnc' | 'serial'; preset: Partial<VncTarget & SerialSpec> } | null;
}

let state: ConsolesState = { tabs: [], activeKey: null, opening: null };
const listeners = new Set<() => void>();

function set(changes: Partial<ConsolesState>): void {
  state = { ...state, ...changes };
  for (const l of listeners) l();
}
const touch = () => set({ tabs: [...state.tabs] });

export function useConsoles(): ConsolesState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

function add(tab: ConsoleTab): void {
  set({ tabs: [...state.tabs, tab], activeKey: tab.key, opening: null });
  navigate({ view: CONSOLE_VIEW_ID, hostId: null });
}

/** A VNC screen in a new tab (several may be open at once, to the same or different servers). */
export function openVnc(target: VncTarget, label: string): void {
  const session = new VncSession(target, label, touch);
  add({ key: session.key, kind: 'vnc', session });
  void session.connect();
}

/** xterm.js loads with the first terminal or serial console opened, not with the app. */
let terminalModule: Promise<typeof import('../terminal/terminalSession')> | null = null;

/** A VM's serial console in the terminal component; `force` takes it from whoever holds it. */
export function openSerial(spec: SerialSpec, label: string, force = false): void {
  void openSerialTab(spec, label, force);
}

async function openSerialTab(spec: SerialSpec, label: string, force: boolean): Promise<void> {
  const { TerminalSession } = await (terminalModule ??= import('../terminal/terminalSession'));
  const t = (key: string) => translate(getLanguage(), key);
  let tab: Extract<ConsoleTab, { kind: 'serial' }> | null = null;
  const session = new TerminalSession(
    0,
    label,
    14,
    { onInput: (from, data) => from.send(data), onChange: touch, onShortcut: () => false },
    {
      ended: t('console.serial.ended'),
      lost: t('console.serial.lost'),
      reconnect: t('console.serial.pressEnter'),
      reconnecting: t('console.serial.reconnecting'),
    },
    async (cols, rows) => {
      try {
        const opened = await call('console.openSerial', { ...spec, force, cols, rows });
        if (tab) tab.inUse = false;
        return opened;
      } catch (error) {
        if (tab) tab.inUse = error instanceof ApiError && error.code === 'conflict';
        throw error;
      } finally {
        // Only the first open forces; a later reconnect must not silently take the console again.
        force = false;
      }
    },
  );
  tab = { key: session.key, kind: 'serial', session, spec, label, inUse: false };
  add(tab);
  void session.connect();
}

/** Replaces a refused serial console with one that takes over (the user said so). */
export function forceSerial(key: number): void {
  const tab = state.tabs.find((t) => t.key === key);
  if (tab?.kind !== 'serial') return;
  closeConsole(key);
  openSerial(tab.spec, tab.label, true);
}

/**
 * Moves a VNC console into its own window: this tab's connection ends and the window connects again (a VNC
 * session cannot be handed between two viewers mid-stream); "Re-attach" there brings it back here as a tab.
 */
export function detachConsole(key: number): void {
  const tab = state.tabs.find((t) => t.key === key);
  if (tab?.kind !== 'vnc') return;
  openConsoleWindow(tab.session.target, tab.session.title);
  closeConsole(key);
}

/** Called once by a main window: consoles re-attached from their own windows come back here. */
export function initConsoles(): void {
  listenForReattach((target, label) => openVnc(target, label));
}

export function activateConsole(key: number): void {
  set({ activeKey: key });
}

export function closeConsole(key: number): void {
  const index = state.tabs.findIndex((t) => t.key === key);
  if (index < 0) return;
  state.tabs[index]!.session.dispose();
  const tabs = state.tabs.filter((t) => t.key !== key);
  const next = state.activeKey === key ? (tabs[Math.min(index, tabs.length - 1)]?.key ?? null) : state.activeKey;
  set({ tabs, activeKey: next });
}

export function startOpening(kind: 'vnc' | 'serial', preset: Partial<VncTarget & SerialSpec> = {}): void {
  set({ opening: { kind, preset } });
  navigate({ view: CONSOLE_VIEW_ID, hostId: null });
}

export function cancelOpening(): void {
  set({ opening: null });
}

// Closing the page ends every console: ask first while any is live.
window.addEventListener('beforeunload', (event) => {
  if (state.tabs.some((t) => t.session.live)) event.preventDefault();
});
