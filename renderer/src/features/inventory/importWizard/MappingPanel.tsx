import { IMPORT_FIELDS, type ColumnTarget } from '../../../../../common/contract/inventory';
import { useT } from '../../../i18n/i18n';

interface MappingPanelProps {
  headers: readonly string[];
  unmapped: readonly string[];
  mapping: Record<string, ColumnTarget>;
  onChange: (mapping: Record<string, ColumnTarget>) => void;
  onApply: () => void;
  busy: boolean;
}

/** Column headers the importer did not recognise, each mapped to a host field (or ignored), then re-read. */
export function MappingPanel({ headers, unmapped, mapping, onChange, onApply, busy }: MappingPanelProps) {
  const t = useT();
  return (
    <section className="mapping" aria-labelledby="mapping-title">
      <h3 id="mapping-title">{t('inventory.import.mapping.title')}</h3>
      <p className="muted">{t('inventory.import.mapping.body', { count: unmapped.length })}</p>
      <div className="mapping-grid">
        {headers.map((header) => (
          <label key={header} className={unmapped.includes(header) ? 'unmapped' : undefined}>
            <span className="mono">{header}</span>
            <select
              aria-label={t('inventory.import.mapping.column', { header })}
              value={mapping[header] ?? 'ignore'}
              onChange={(e) => onChange({ ...mapping, [header]: e.target.value as ColumnTarget })}
            >
              <option value="ignore">{t('inventory.import.mapping.ignore')}</option>
              {IMPORT_FIELDS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <button type="button" onClick={onApply} disabled={busy}>
        {t('inventory.import.mapping.apply')}
      </button>
    </section>
  );
}
