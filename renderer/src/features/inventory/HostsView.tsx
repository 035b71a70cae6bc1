import './inventory.css';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/i18n';
import { ErrorBanner } from '../../ui/ErrorBanner';
import { openTerminal } from '../terminal/terminalsStore';
import { EmptyState } from './EmptyState';
import { HostDetail } from './HostDetail';
import { HostDialogs, useHostDialogs } from './HostDialogs';
import { HostRowMenu, useHostRowMenu } from './HostRowMenu';
import { useHosts } from './hostsStore';
import { HostsToolbar } from './HostsToolbar';
import { HostTable } from './HostTable';
import { HostTree } from './HostTree';
import { TableStatus } from './TableStatus';
import { useHostBrowser } from './useHostBrowser';
import { useVmLifecycle } from './useVmLifecycle';

/** The inventory: tree, table, detail; add, edit, delete, import, export. */
export function HostsView({
  hostId,
  nameAdornment,
  treeAdornment,
}: {
  hostId: number | null;
  /** Drawn before each host's name in the table (composed in app/, e.g. live status from metrics). */
  nameAdornment?: (hostId: number) => ReactNode;
  /** Drawn after each host's name in the tree (composed in app/); a stable function, the tree is memoized. */
  treeAdornment?: (hostId: number) => ReactNode;
}) {
  const t = useT();
  const { hosts, loading, error: loadError } = useHosts();
  const all = useMemo(() => hosts ?? [], [hosts]);
  const browser = useHostBrowser(all, hostId);
  const dialogs = useHostDialogs();
  const rowMenu = useHostRowMenu(browser);
  const lifecycle = useVmLifecycle();
  const [actionError, setActionError] = useState<unknown>(null);
  const { selection, rows, active } = browser;
  // Stable while the filter changes the rows, so the rows on screen are not all re-rendered once more for it.
  const selectedIds = selection.ids;
  const onOpen = useCallback(
    (id: number) => openTerminal(selectedIds.has(id) ? [...selectedIds] : [id]),
    [selectedIds],
  );

  if (hosts === null) {
    return loadError ? <ErrorBanner error={loadError} /> : <p className="loading">{t('common.loading')}</p>;
  }

  const dialogsHost = (
    <HostDialogs
      dialogs={dialogs}
      hosts={all}
      onSaved={(h) => browser.selectOnly(h.id)}
      onDeleted={browser.clearSelection}
    />
  );

  // Dialogs stay at the same place in the tree whether or not the inventory is empty, so an import that
  // fills an empty inventory does not remount (and reset) the wizard showing its result.
  if (all.length === 0) {
    return (
      <>
        <EmptyState onImport={dialogs.import} onAdd={() => dialogs.edit(null)} />
        {dialogsHost}
      </>
    );
  }

  return (
    <>
      <div className="hosts-view">
        <HostsToolbar
          browser={browser}
          total={all.length}
          onImport={dialogs.import}
          onAdd={() => dialogs.edit(null)}
          onError={setActionError}
        />
        <ErrorBanner error={actionError} />
        <div className="hosts-body">
          <nav className="tree-pane" aria-label={t('inventory.tree.label')}>
            <button
              type="button"
              className={`tree-all${browser.scopeKey === null ? ' selected' : ''}`}
              onClick={() => browser.setScopeKey(null)}
              aria-pressed={browser.scopeKey === null}
            >
              {t('inventory.tree.all')} <span className="tree-count">{all.length}</span>
            </button>
            <HostTree
              forest={browser.forest}
              scopeKey={browser.scopeKey}
              onScope={browser.setScopeKey}
              revealId={browser.revealId}
              label={t('inventory.tree.label')}
              adornment={treeAdornment}
              onContextMenu={rowMenu.open}
            />
          </nav>
          <section className="table-pane" aria-label={t('inventory.table.label')}>
            <TableStatus
              browser={browser}
              total={all.length}
              loading={loading}
              onDelete={() => dialogs.remove(browser.selectedHosts())}
              lifecycle={lifecycle}
            />
            <div className="vm-ops">{lifecycle.panel}</div>
            {rows.length === 0 ? (
              <p className="no-match">{t('inventory.table.noMatch')}</p>
            ) : (
              <HostTable
                rows={rows}
                busy={loading !== null}
                columns={browser.columns}
                sort={browser.sort}
                onSort={browser.onSort}
                selection={selection}
                onSelect={browser.onSelect}
                onSelectAll={browser.selectAll}
                onOpen={onOpen}
                onDelete={() => dialogs.remove(browser.selectedHosts())}
                onContextMenu={rowMenu.open}
                nameOf={browser.nameOf}
                revealId={browser.revealId}
                label={t('inventory.table.label')}
                nameAdornment={nameAdornment}
              />
            )}
          </section>
          {active && (
            <HostDetail
              host={active}
              nameOf={browser.nameOf}
              onEdit={() => dialogs.edit(active)}
              onDelete={() => dialogs.remove([active])}
              onClose={browser.closeDetail}
            />
          )}
        </div>
      </div>
      {dialogsHost}
      {rowMenu.menu && (
        <HostRowMenu
          menu={rowMenu.menu}
          byId={browser.byId}
          dialogs={dialogs}
          lifecycle={lifecycle}
          onClose={rowMenu.close}
        />
      )}
    </>
  );
}
