import { useCallback, useRef, useState } from 'react';
import type { ExportFormat } from '../../../../common/contract/inventory';
import { EXPORT_FORMATS } from '../../../../common/contract/inventoryValues';
import { call } from '../../lib/api';
import { useT } from '../../i18n/i18n';
import { ExportIcon } from '../../ui/icons';
import { moveMenuFocus } from '../../ui/menuKeys';
import { useDismiss } from '../../ui/useDismiss';

/** Saves the server's export as a file through the browser's download (no file system access needed). */
function download(text: string, fileName: string, mimeType: string) {
  const url = URL.createObjectURL(new Blob([text], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportMenu({ onError }: { onError: (error: unknown) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, menu, button, close);

  const run = async (format: ExportFormat) => {
    setOpen(false);
    setBusy(true);
    try {
      const { text, fileName, mimeType } = await call('inventory.export', { format });
      download(text, fileName, mimeType);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="menu-anchor">
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={busy}
        onClick={() => {
          setOpen(!open);
          requestAnimationFrame(() => menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus());
        }}
      >
        <ExportIcon /> {busy ? t('inventory.export.working') : t('inventory.export.button')}
      </button>
      {open && (
        <div
          ref={menu}
          role="menu"
          className="menu"
          aria-label={t('inventory.export.button')}
          onKeyDown={moveMenuFocus}
        >
          {EXPORT_FORMATS.map((f) => (
            <button key={f} type="button" role="menuitem" tabIndex={-1} onClick={() => void run(f)}>
              {t(`inventory.export.${f}`)}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
