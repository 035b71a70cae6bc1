import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ContextMenu } from '../../ui/ContextMenu';
import type { HostsState } from './hostsStore';
import { TrashIcon } from '../../ui/icons';
import { openPowerFor } from '../power/openPower';
import { openTerminal } from '../terminal/terminalsStore';
import type { HostBrowser } from './useHostBrowser';
import type { VmLifecycle } from './useVmLifecycle';
import { vmMenuItems, vmsAmong } from './vmMenu';

interface Props {
  browser: HostBrowser;
  total: number;
  /** The inventory is still streaming in. */
  loading: HostsState['loading'];
  onDelete(): void;
  lifecycle: VmLifecycle;
}

/**
 * Above the table: what can be done with the selection (or a hint when there is none), and how many rows show
 * (or how much of the inventory has arrived while it loads).
 */
export function TableStatus({ browser, total, loading, onDelete, lifecycle }: Props) {
  const t = useT();
  const ids = browser.selection.ids;
  const [vmMenuAt, setVmMenuAt] = useState<{ x: number; y: number } | null>(null);
  const [ordered, setOrdered] = useState(false);
  const vmCount = ids.size > 0 ? vmsAmong(browser.selectedHosts()).length : 0;
  return (
    <div className="table-status">
      {ids.size > 0 ? (
        <div className="selection-bar" role="region" aria-label={t('inventory.selection.label')}>
          <span>{t('inventory.selection.count', { count: ids.size })}</span>
          <button type="button" className="btn-danger" onClick={onDelete}>
            <TrashIcon /> {t('inventory.selection.delete')}
          </button>
          <button type="button" onClick={() => openPowerFor([...ids])}>
            {t('power.nav')}
          </button>
          <button type="button" onClick={() => openTerminal([...ids])}>
            {t('terminal.open')}
          </button>
          {vmCount > 0 && (
            <button
              type="button"
              aria-haspopup="menu"
              aria-expanded={vmMenuAt !== null}
              disabled={lifecycle.busy}
              onClick={(e) => {
                const r = e.currentTarget.getBoundingClientRect();
                setVmMenuAt({ x: r.left, y: r.bottom });
              }}
            >
              {t('inventory.vm.menu', { count: vmCount })}
            </button>
          )}
          {vmCount > 1 && (
            <label className="selection-ordered" title={t('inventory.vm.orderedHint')}>
              <input type="checkbox" checked={ordered} onChange={(e) => setOrdered(e.target.checked)} />{' '}
              {t('inventory.vm.ordered')}
            </label>
          )}
          <button type="button" onClick={browser.clearSelection}>
            {t('inventory.selection.clear')}
          </button>
          {vmMenuAt && (
            <ContextMenu
              x={vmMenuAt.x}
              y={vmMenuAt.y}
              label={t('inventory.vm.menuLabel')}
              items={vmMenuItems(t, browser.selectedHosts(), lifecycle, ordered && vmCount > 1)}
              onClose={() => setVmMenuAt(null)}
            />
          )}
        </div>
      ) : (
        <span className="muted">{t('inventory.table.hint')}</span>
      )}
      <span className="toolbar-spacer" />
      <span className="muted" role="status">
        {loading
          ? t('inventory.table.loading', { loaded: loading.loaded, total: loading.total })
          : t('inventory.table.shown', { shown: browser.rows.length, total })}
      </span>
    </div>
  );
}
