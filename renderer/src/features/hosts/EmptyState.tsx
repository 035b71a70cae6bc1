import { useT } from '../../i18n/i18n';
import { ImportIcon, PlusIcon } from '../../ui/icons';

/** First run: nothing in the inventory yet, so say how to get hosts in. */
export function EmptyState({ onImport, onAdd }: { onImport: () => void; onAdd: () => void }) {
  const t = useT();
  return (
    <section className="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('hosts.empty.title')}</h2>
      <p>{t('hosts.empty.body')}</p>
      <div className="empty-actions">
        <button type="button" className="primary" onClick={onImport}>
          <ImportIcon /> {t('hosts.empty.import')}
        </button>
        <button type="button" onClick={onAdd}>
          <PlusIcon /> {t('hosts.empty.add')}
        </button>
      </div>
      <p className="muted">{t('hosts.empty.formats')}</p>
    </section>
  );
}
