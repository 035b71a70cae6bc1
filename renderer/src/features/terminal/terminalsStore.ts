import { navigate } from '../../app/navigation';
import { translate, getLanguage } from '../../i18n/i18n';
import { createStore, useStore } from '../../lib/store';
import type { TerminalSession } from './terminalSession';

export type SplitDirection = 'row' | 'column';

interface TerminalTab {
  id: number;
  /** Side by side (`row`) or stacked (`column`). */
  direction: SplitDirection;
  panes: TerminalSession[];
}

export interface TerminalsState {
  tabs: TerminalTab[];
  activeTabId: number | null;
  focusedKey: number | null;
  broadcast: boolean;
  /** Terminals that receive broadcast typing (session keys). */
  targets: ReadonlySet<number>;
  fontSize: number;
  searchKey: number | null;
}

const TERMINAL_VIEW_ID = 'terminal';
const FONT_KEY = 'labvisor.terminal.fontSize';
const DEFAULT_FONT = 14;

const store = createStore<TerminalsState>({
  tabs: [],
  activeTabId: null,
  focusedKey: null,
  broadcast: false,
  targets: new Set(),
  fontSize: DEFAULT_FONT,
  searchKey: null,
});
let nextTabId = 1;
const set = store.update;
const touch = () => set({});

/** Restores the saved font size and guards page unload; called once by the app before it renders. */
export function initTerminals(): void {
  const savedFont = Number(localStorage.getItem(FONT_KEY));
  if (savedFont >= 8 && savedFont <= 40) set({ fontSize: savedFont });
  // Reloading or closing the page ends every shell: ask first while any is live (Electron turns this into a dialog).
  window.addEventListener('beforeunload', (event) => {
    if (liveCount() > 0) event.preventDefault();
  });
}

export function useTerminals(): TerminalsState {
  return useStore(store);
}

function allSessions(): TerminalSession[] {
  return store.get().tabs.flatMap((t) => t.panes);
}

/** xterm.js and its addons load with the first terminal opened, not with the app. */
let sessionModule: Promise<typeof import('./terminalSession')> | null = null;

async function newSession(hostId: number): Promise<TerminalSession> {
  const { TerminalSession } = await (sessionModule ??= import('./terminalSession'));
  const t = (key: string) => translate(getLanguage(), key);
  const session = new TerminalSession(
    hostId,
    `#${hostId}`,
    store.get().fontSize,
    {
      onInput: (from, data) => {
        if (store.get().broadcast && store.get().targets.has(from.key)) {
          for (const s of allSessions()) if (store.get().targets.has(s.key)) s.send(data);
        } else from.send(data);
      },
      onChange: touch,
      onShortcut: handleShortcut,
    },
    {
      ended: t('terminal.ended'),
      lost: t('terminal.lost'),
      reconnect: t('terminal.pressEnter'),
      reconnecting: t('terminal.reconnecting'),
    },
  );
  void session.connect();
  return session;
}

/** Opens one terminal per host, each in a new tab, and shows the terminal view. */
export function openTerminal(hostIds: readonly number[]): void {
  if (hostIds.length === 0) return;
  navigate({ view: TERMINAL_VIEW_ID, hostId: null });
  void Promise.all(hostIds.map(newSession)).then((sessions) => {
    const tabs = sessions.map((session) => ({ id: nextTabId++, direction: 'row' as const, panes: [session] }));
    const last = tabs[tabs.length - 1]!;
    set({ tabs: [...store.get().tabs, ...tabs], activeTabId: last.id, focusedKey: last.panes[0]!.key });
  });
}

/** Another terminal on the focused terminal's host, beside it in the same tab. */
export function splitFocused(direction: SplitDirection): void {
  const tab = store.get().tabs.find((t) => t.id === store.get().activeTabId);
  const focused = tab?.panes.find((p) => p.key === store.get().focusedKey) ?? tab?.panes[0];
  if (!tab || !focused) return;
  void newSession(focused.hostId).then((session) => {
    // The tab as it is now: it may have changed while the session module loaded.
    const current = store.get().tabs.find((t) => t.id === tab.id);
    if (!current) return session.dispose();
    replaceTab({ ...current, direction, panes: [...current.panes, session] });
    set({ focusedKey: session.key });
  });
}

function replaceTab(tab: TerminalTab): void {
  set({ tabs: store.get().tabs.map((t) => (t.id === tab.id ? tab : t)) });
}

export function activateTab(id: number): void {
  const tab = store.get().tabs.find((t) => t.id === id);
  if (tab) set({ activeTabId: id, focusedKey: tab.panes[0]?.key ?? null, searchKey: null });
}

export function focusSession(key: number): void {
  if (store.get().focusedKey !== key) set({ focusedKey: key });
}

export function closeSession(key: number): void {
  const session = allSessions().find((s) => s.key === key);
  session?.dispose();
  const tabs = store
    .get()
    .tabs.map((t) => ({ ...t, panes: t.panes.filter((p) => p.key !== key) }))
    .filter((t) => t.panes.length > 0);
  const targets = new Set(store.get().targets);
  targets.delete(key);
  const active = tabs.find((t) => t.id === store.get().activeTabId) ?? tabs[tabs.length - 1] ?? null;
  set({
    tabs,
    targets,
    activeTabId: active?.id ?? null,
    focusedKey: active?.panes.some((p) => p.key === store.get().focusedKey)
      ? store.get().focusedKey
      : (active?.panes[0]?.key ?? null),
    searchKey: store.get().searchKey === key ? null : store.get().searchKey,
  });
}

export function closeTab(id: number): void {
  const tab = store.get().tabs.find((t) => t.id === id);
  for (const p of tab?.panes ?? []) closeSession(p.key);
}

/** Broadcast starts with every terminal as a target; the user unticks the ones that should not get it. */
export function setBroadcast(on: boolean): void {
  set({ broadcast: on, targets: on ? new Set(allSessions().map((s) => s.key)) : new Set() });
}

export function toggleTarget(key: number): void {
  const targets = new Set(store.get().targets);
  if (targets.has(key)) targets.delete(key);
  else targets.add(key);
  set({ targets });
}

export function setFontSize(size: number): void {
  const fontSize = Math.min(40, Math.max(8, size));
  localStorage.setItem(FONT_KEY, String(fontSize));
  for (const s of allSessions()) s.setFontSize(fontSize);
  set({ fontSize });
}

export function setSearch(key: number | null): void {
  set({ searchKey: key });
}

function liveCount(): number {
  return allSessions().filter((s) => s.live).length;
}

function handleShortcut(session: TerminalSession, e: KeyboardEvent): boolean {
  if (!e.ctrlKey || e.altKey || e.metaKey) return false;
  if (e.shiftKey && e.code === 'KeyF') setSearch(session.key);
  else if (!e.shiftKey && e.key === '0') setFontSize(DEFAULT_FONT);
  else if (e.key === '=' || e.key === '+') setFontSize(store.get().fontSize + 1);
  else if (e.key === '-' || e.key === '_') setFontSize(store.get().fontSize - 1);
  else return false;
  e.preventDefault();
  return true;
}
