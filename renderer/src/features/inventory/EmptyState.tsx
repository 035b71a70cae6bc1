import { useT } from '../../i18n/i18n';
import { ImportIcon, PlusIcon } from '../../ui/icons';

/** First run: nothing in the inventory yet, so say how to get hosts in. */
export function EmptyState({ onImport, onAdd }: { onImport: () => void; onAdd: () => void }) {
  const t = useT();
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('inventory.empty.title')}</h2>
      <p>{t('inventory.empty.body')}</p>
      <div className="empty-actions">
        <button type="button" className="primary" onClick={onImport}>
          <ImportIcon /> {t('inventory.empty.import')}
        </button>
        <button type="button" onClick={onAdd}>
          <PlusIcon /> {t('inventory.empty.add')}
        </button>
      </div>
      <p className="muted">{t('inventory.empty.formats')}</p>
    </section>
  );
}
