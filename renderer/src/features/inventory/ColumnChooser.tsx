import { useCallback, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ColumnsIcon } from '../../ui/icons';
import { moveMenuFocus } from '../../ui/menuKeys';
import { useDismiss } from '../../ui/useDismiss';
import { COLUMNS, type ColumnId } from './columns';

/** Which table columns show; the name column always does. */
export function ColumnChooser({
  visible,
  onChange,
}: {
  visible: readonly ColumnId[];
  onChange: (cols: ColumnId[]) => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, menu, button, close);

  const toggle = (id: ColumnId) => {
    const on = new Set(visible);
    if (on.has(id)) on.delete(id);
    else on.add(id);
    // Keep the registry's order so columns do not jump around as they are switched.
    onChange(COLUMNS.map((c) => c.id).filter((c) => on.has(c)));
  };

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => {
          setOpen(!open);
          requestAnimationFrame(() => menu.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus());
        }}
      >
        <ColumnsIcon /> {t('inventory.columns.button')}
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          className="menu"
          aria-label={t('inventory.columns.button')}
          onKeyDown={moveMenuFocus}
        >
          {COLUMNS.filter((c) => c.id !== 'name').map((c) => (
            <button
              key={c.id}
              type="button"
              role="menuitemcheckbox"
              aria-checked={visible.includes(c.id)}
              tabIndex={-1}
              onClick={() => toggle(c.id)}
            >
              <span className="check-mark" aria-hidden="true">
                {visible.includes(c.id) ? '✓' : ''}
              </span>
              {t(c.labelKey)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
