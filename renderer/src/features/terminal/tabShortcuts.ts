import { closeTab, cycleTab, getTerminals } from './terminalsStore';

/**
 * The tab strip's keys, as in GNOME Terminal and most tabbed apps: Ctrl+PageDown / Ctrl+PageUp switch to the next
 * / previous tab, Ctrl+Shift+W closes the active one. Returns true when the key was one of them (and acted).
 */
export function tabShortcut(e: KeyboardEvent): boolean {
  if (!e.ctrlKey || e.altKey || e.metaKey) return false;
  if (!e.shiftKey && (e.key === 'PageDown' || e.key === 'PageUp')) {
    cycleTab(e.key === 'PageDown' ? 1 : -1);
    return true;
  }
  if (e.shiftKey && e.code === 'KeyW') {
    const { activeTabId } = getTerminals();
    if (activeTabId !== null) closeTab(activeTabId);
    return true;
  }
  return false;
}
