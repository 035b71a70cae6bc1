import { useState } from 'react';
import { IMPORT_FORMATS, type ImportFormat } from '../../../../../common/contract/inventory';
import { useT } from '../../../i18n/i18n';
import { ImportIcon } from '../../../ui/icons';

export interface ImportSource {
  text: string;
  fileName: string | null;
  format: ImportFormat;
}

/** Step 1: a file (picked or dropped) or pasted text, and its format (detected unless chosen). */
export function SourceStep({ source, onChange }: { source: ImportSource; onChange: (s: ImportSource) => void }) {
  const t = useT();
  const [dragging, setDragging] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      onChange({ ...source, text: await file.text(), fileName: file.name });
      setReadError(null);
    } catch (e) {
      setReadError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="import-source">
      <label
        className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void readFile(e.dataTransfer.files[0]);
        }}
      >
        <ImportIcon />
        <span>
          {source.fileName ? t('inventory.import.fileChosen', { name: source.fileName }) : t('inventory.import.drop')}
        </span>
        <input
          type="file"
          className="visually-hidden"
          aria-label={t('inventory.import.chooseFile')}
          accept=".csv,.tsv,.txt,.md,.json,.yml,.yaml,.ini,.conf,text/*"
          onChange={(e) => void readFile(e.target.files?.[0])}
        />
        <span className="button-like">{t('inventory.import.chooseFile')}</span>
      </label>
      {readError && (
        <div className="banner banner-error" role="alert">
          {readError}
        </div>
      )}
      <div className="field wide">
        <label htmlFor="import-text">{t('inventory.import.paste')}</label>
        <textarea
          id="import-text"
          className="mono"
          rows={10}
          spellCheck={false}
          value={source.text}
          placeholder={t('inventory.import.pastePlaceholder')}
          onChange={(e) => onChange({ ...source, text: e.target.value, fileName: source.fileName })}
        />
      </div>
      <div className="field">
        <label htmlFor="import-format">{t('inventory.import.format')}</label>
        <select
          id="import-format"
          value={source.format}
          onChange={(e) => onChange({ ...source, format: e.target.value as ImportFormat })}
        >
          {IMPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(`inventory.import.format.${f}`)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
