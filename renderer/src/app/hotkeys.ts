/** `Ctrl+K`, `Alt+1`, `Mod+K` (Cmd on macOS, Ctrl elsewhere) → does this key event match? */
export function matchesHotkey(e: KeyboardEvent, hotkey: string): boolean {
  const parts = hotkey.split('+');
  const key = parts.pop()!.toLowerCase();
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  const mac = /mac/i.test(navigator.platform);
  const wantCtrl = mods.has('ctrl') || (mods.has('mod') && !mac);
  const wantMeta = mods.has('meta') || (mods.has('mod') && mac);
  const pressed = e.code.startsWith('Digit') ? e.code.slice(5) : e.key.toLowerCase();
  return (
    pressed === key &&
    e.ctrlKey === wantCtrl &&
    e.metaKey === wantMeta &&
    e.altKey === mods.has('alt') &&
    e.shiftKey === mods.has('shift')
  );
}
