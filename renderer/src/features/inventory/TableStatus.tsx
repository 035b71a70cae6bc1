import { useT } from '../../i18n/i18n';
import type { HostsState } from './hostsStore';
import { TrashIcon } from '../../ui/icons';
import { openPowerFor } from '../power/openPower';
import { openTerminal } from '../terminal/terminalsStore';
import type { HostBrowser } from './useHostBrowser';

interface Props {
  browser: HostBrowser;
  total: number;
  /** The inventory is still streaming in. */
  loading: HostsState['loading'];
  onDelete(): void;
}

/**
 * Above the table: what can be done with the selection (or a hint when there is none), and how many rows show
 * (or how much of the inventory has arrived while it loads).
 */
export function TableStatus({ browser, total, loading, onDelete }: Props) {
  const t = useT();
  const ids = browser.selection.ids;
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
          <button type="button" onClick={browser.clearSelection}>
            {t('inventory.selection.clear')}
          </button>
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
