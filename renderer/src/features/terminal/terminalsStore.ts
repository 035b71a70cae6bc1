import type { ComponentType } from 'react';
import { navigate } from '../../app/navigation';
import { translate, getLanguage } from '../../i18n/i18n';
import { createStore, useStore } from '../../lib/store';
import type { ConsoleKind, TerminalSession } from './terminalSession';

export type SplitDirection = 'row' | 'column';

/**
 * A tab that is not a terminal, e.g. a VNC screen from the console feature: it brings its own pane. The session
 * behind it lives while the tab is hidden; `dispose` ends it when the tab closes.
 */
export interface ScreenTab {
  /** Catalogue key of the tab's badge, e.g. `console.kind.vnc`. */
  readonly kindKey: string;
  readonly title: string;
  /** Shown as the tab's `data-state`. */
  readonly state: string;
  readonly live: boolean;
  readonly Pane: ComponentType;
  dispose(): void;
}

interface TerminalTab {
  id: number;
  /** Side by side (`row`) or stacked (`column`). */
  direction: SplitDirection;
  /** Terminals (SSH shells, serial consoles); empty for a screen tab. */
  panes: TerminalSession[];
  screen: ScreenTab | null;
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

export function getTerminals(): TerminalsState {
  return store.get();
}

function allSessions(): TerminalSession[] {
  return store.get().tabs.flatMap((t) => t.panes);
}

/** xterm.js and its addons load with the first terminal opened, not with the app. */
let sessionModule: Promise<typeof import('./terminalSession')> | null = null;

/** Where a console's bytes come from, and its end-of-session lines (already translated). */
export interface ConsoleTerminalSpec extends ConsoleKind {
  hostId: number;
  title: string;
  open(cols: number, rows: number): Promise<{ streamId: string; title: string }>;
  text: { ended: string; lost: string; reconnect: string; reconnecting: string };
}

async function newSession(hostId: number, console?: ConsoleTerminalSpec): Promise<TerminalSession> {
  const { TerminalSession } = await (sessionModule ??= import('./terminalSession'));
  const t = (key: string) => translate(getLanguage(), key);
  const session = new TerminalSession(
    hostId,
    console?.title ?? `#${hostId}`,
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
    console?.text ?? {
      ended: t('terminal.ended'),
      lost: t('terminal.lost'),
      reconnect: t('terminal.pressEnter'),
      reconnecting: t('terminal.reconnecting'),
    },
    console?.open,
    console && { kindKey: console.kindKey, hintKey: console.hintKey, takeOver: console.takeOver },
  );
  void session.connect();
  return session;
}

function addTabs(tabs: TerminalTab[]): void {
  const last = tabs[tabs.length - 1]!;
  set({ tabs: [...store.get().tabs, ...tabs], activeTabId: last.id, focusedKey: last.panes[0]?.key ?? null });
}

/** Opens one terminal per host, each in a new tab, and shows the terminal view. */
export function openTerminal(hostIds: readonly number[]): void {
  if (hostIds.length === 0) return;
  navigate({ view: TERMINAL_VIEW_ID, hostId: null });
  void Promise.all(hostIds.map((id) => newSession(id))).then((sessions) =>
    addTabs(sessions.map((session) => ({ id: nextTabId++, direction: 'row', panes: [session], screen: null }))),
  );
}

/**
 * A console that speaks text (a VM's serial line, Serial-over-LAN) as a terminal tab beside the SSH terminals:
 * same keys, search, zoom and scrollback kept while hidden. Shows the terminal view with it active.
 */
export function openConsoleTerminal(spec: ConsoleTerminalSpec): void {
  navigate({ view: TERMINAL_VIEW_ID, hostId: null });
  void newSession(spec.hostId, spec).then((session) =>
    addTabs([{ id: nextTabId++, direction: 'row', panes: [session], screen: null }]),
  );
}

/** A tab with its own pane (a VNC screen) in the same strip; shows the terminal view with it active. Returns its id. */
export function openScreenTab(screen: ScreenTab): number {
  navigate({ view: TERMINAL_VIEW_ID, hostId: null });
  const id = nextTabId++;
  addTabs([{ id, direction: 'row', panes: [], screen }]);
  return id;
}

/** A screen tab's session changed (state, title): draw the strip and its pane again. */
export function screenChanged(): void {
  touch();
}

/** Another terminal on the focused terminal's host, beside it in the same tab (SSH shells only). */
export function splitFocused(direction: SplitDirection): void {
  const tab = store.get().tabs.find((t) => t.id === store.get().activeTabId);
  const focused = tab?.panes.find((p) => p.key === store.get().focusedKey) ?? tab?.panes[0];
  if (!tab || !focused || focused.console) return;
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

/** Makes a tab the active one; `show` also brings up the terminal view (from another view's list). */
export function activateTab(id: number, show = false): void {
  const tab = store.get().tabs.find((t) => t.id === id);
  if (!tab) return;
  set({ activeTabId: id, focusedKey: tab.panes[0]?.key ?? null, searchKey: null });
  if (show) navigate({ view: TERMINAL_VIEW_ID, hostId: null });
}

export function focusSession(key: number): void {
  if (store.get().focusedKey !== key) set({ focusedKey: key });
}

export function closeSession(key: number): void {
  const session = allSessions().find((s) => s.key === key);
  session?.dispose();
  removeTabs(
    store.get().tabs.map((t) => ({ ...t, panes: t.panes.filter((p) => p.key !== key) })),
    key,
  );
}

/** Keeps the tabs that still show something, and picks the active tab and focus among them. */
function removeTabs(candidates: TerminalTab[], closedKey: number | null): void {
  const before = store.get().tabs;
  const activeIndex = before.findIndex((t) => t.id === store.get().activeTabId);
  const tabs = candidates.filter((t) => t.panes.length > 0 || t.screen);
  const targets = new Set(store.get().targets);
  if (closedKey !== null) targets.delete(closedKey);
  // The closed tab's neighbour becomes active (as in a browser), not the last tab.
  const active =
    tabs.find((t) => t.id === store.get().activeTabId) ??
    tabs[Math.min(Math.max(activeIndex, 0), tabs.length - 1)] ??
    null;
  set({
    tabs,
    targets,
    activeTabId: active?.id ?? null,
    focusedKey: active?.panes.some((p) => p.key === store.get().focusedKey)
      ? store.get().focusedKey
      : (active?.panes[0]?.key ?? null),
    searchKey: store.get().searchKey === closedKey ? null : store.get().searchKey,
  });
}

export function closeTab(id: number): void {
  const tab = store.get().tabs.find((t) => t.id === id);
  if (tab?.screen) {
    tab.screen.dispose();
    return removeTabs(
      store.get().tabs.filter((t) => t.id !== id),
      null,
    );
  }
  for (const p of tab?.panes ?? []) closeSession(p.key);
}

/** The next (`1`) or previous (`-1`) tab, wrapping around. */
export function cycleTab(step: 1 | -1): void {
  const { tabs, activeTabId } = store.get();
  if (tabs.length === 0) return;
  const index = tabs.findIndex((t) => t.id === activeTabId);
  activateTab(tabs[(index + step + tabs.length) % tabs.length]!.id);
}

/**
 * Broadcast starts with every SSH terminal as a target (consoles only when ticked: typing into a BMC's or a VM's
 * console by accident is worse than into a shell); the user unticks the ones that should not get it.
 */
export function setBroadcast(on: boolean): void {
  set({
    broadcast: on,
    targets: on
      ? new Set(
          allSessions()
            .filter((s) => !s.console)
            .map((s) => s.key),
        )
      : new Set(),
  });
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
  const screens = store.get().tabs.filter((t) => t.screen?.live).length;
  return allSessions().filter((s) => s.live).length + screens;
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
