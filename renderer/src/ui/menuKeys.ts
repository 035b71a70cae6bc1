/** Arrow/Home/End movement between the items of an open menu (role=menu), wrapping around. */
export function moveMenuFocus(e: React.KeyboardEvent<HTMLElement>) {
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === 'ArrowDown'
      ? (index + 1) % items.length
      : e.key === 'ArrowUp'
        ? (index - 1 + items.length) % items.length
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? items.length - 1
            : null;
  if (next === null) return;
  e.preventDefault();
  items[next]?.focus();
}
