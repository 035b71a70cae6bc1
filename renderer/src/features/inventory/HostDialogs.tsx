import { lazy, Suspense, useState } from 'react';
import type { Host } from '../../../../common/domain/host';
import { DeleteDialog } from './DeleteDialog';

// The editor validates with the domain schema (zod): it loads when first opened, keeping zod out of the first page.
const HostEditor = lazy(() => import('./hostEditor/HostEditor').then((m) => ({ default: m.HostEditor })));
// The wizard (parsers, mapping, preview) is used rarely: it loads when first opened.
const ImportWizard = lazy(() => import('./importWizard/ImportWizard').then((m) => ({ default: m.ImportWizard })));

type Editing = { host: Host | null } | null;

/** Which of the inventory's dialogs is open: the editor (a host, or null for a new one), delete, import. */
export function useHostDialogs() {
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<Host[] | null>(null);
  const [importing, setImporting] = useState(false);
  return {
    editing,
    deleting,
    importing,
    edit: (host: Host | null) => setEditing({ host }),
    remove: (hosts: Host[]) => setDeleting(hosts),
    import: () => setImporting(true),
    closeEditor: () => setEditing(null),
    closeDelete: () => setDeleting(null),
    closeImport: () => setImporting(false),
  };
}

export type HostDialogState = ReturnType<typeof useHostDialogs>;

interface Props {
  dialogs: HostDialogState;
  hosts: readonly Host[];
  onSaved(host: Host): void;
  onDeleted(): void;
}

export function HostDialogs({ dialogs, hosts, onSaved, onDeleted }: Props) {
  return (
    <>
      {dialogs.editing && (
        <Suspense fallback={null}>
          <HostEditor
            host={dialogs.editing.host}
            hosts={hosts}
            onClose={(saved) => {
              dialogs.closeEditor();
              if (saved) onSaved(saved);
            }}
          />
        </Suspense>
      )}
      {dialogs.deleting && (
        <DeleteDialog
          hosts={dialogs.deleting}
          onClose={(deleted) => {
            dialogs.closeDelete();
            if (deleted) onDeleted();
          }}
        />
      )}
      {dialogs.importing && (
        <Suspense fallback={null}>
          <ImportWizard hosts={hosts} onClose={dialogs.closeImport} />
        </Suspense>
      )}
    </>
  );
}
