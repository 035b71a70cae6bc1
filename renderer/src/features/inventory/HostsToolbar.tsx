import { useT } from '../../i18n/i18n';
import { ImportIcon, PlusIcon } from '../../ui/icons';
import { ColumnChooser } from './ColumnChooser';
import { ExportMenu } from './ExportMenu';
import type { HostBrowser } from './useHostBrowser';

interface Props {
  browser: HostBrowser;
  total: number;
  onImport(): void;
  onAdd(): void;
  onError(error: unknown): void;
}

/** Title and count, filter, tree grouping, columns, export, import and add. */
export function HostsToolbar({ browser, total, onImport, onAdd, onError }: Props) {
  const t = useT();
  return (
    <div className="toolbar" role="toolbar" aria-label={t('inventory.toolbar')}>
      <h1 className="view-title">
        {t('inventory.title')} <span className="count">{t('inventory.count', { count: total })}</span>
      </h1>
      <input
        type="search"
        className="filter"
        aria-label={t('inventory.filter.label')}
        placeholder={t('inventory.filter.placeholder')}
        value={browser.query}
        onChange={(e) => browser.setQuery(e.target.value)}
      />
      <div className="segmented" role="radiogroup" aria-label={t('inventory.tree.groupBy')}>
        {(['layer', 'cluster'] as const).map((g) => (
          <button
            key={g}
            type="button"
            role="radio"
            aria-checked={browser.grouping === g}
            onClick={() => browser.setGrouping(g)}
          >
            {t(`inventory.tree.by.${g}`)}
          </button>
        ))}
      </div>
      <span className="toolbar-spacer" />
      <ColumnChooser visible={browser.columns} onChange={browser.setColumns} />
      <ExportMenu onError={onError} />
      <button type="button" onClick={onImport}>
        <ImportIcon /> {t('inventory.import.button')}
      </button>
      <button type="button" className="primary" onClick={onAdd}>
        <PlusIcon /> {t('inventory.add')}
      </button>
    </div>
  );
}
