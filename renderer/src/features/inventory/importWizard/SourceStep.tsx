import { useState } from 'react';
import {
  IMPORT_ENCODINGS,
  IMPORT_FORMATS,
  type ImportEncoding,
  type ImportFormat,
} from '../../../../../common/contract/inventory';
import { useT } from '../../../i18n/i18n';
import { ImportIcon } from '../../../ui/icons';

export interface ImportSource {
  text: string;
  /** The picked file's bytes (base64), so that main detects its encoding; null once the text is edited. */
  base64: string | null;
  fileName: string | null;
  format: ImportFormat;
  encoding: ImportEncoding;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** What the text box shows of a picked file: UTF-8 if it is, else a note that main will detect it. */
function previewText(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Step 1: a file (picked or dropped) or pasted text, and its format (detected unless chosen). */
export function SourceStep({ source, onChange }: { source: ImportSource; onChange: (s: ImportSource) => void }) {
  const t = useT();
  const [dragging, setDragging] = useState(false);
  const [readError, setReadError] = useState<string | null>(null);

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const text = previewText(bytes) ?? t('inventory.import.notUtf8', { name: file.name });
      onChange({ ...source, text, base64: toBase64(bytes), fileName: file.name });
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
          onChange={(e) => onChange({ ...source, text: e.target.value, base64: null })}
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
      <EncodingSelect value={source.encoding} onChange={(encoding) => onChange({ ...source, encoding })} />
    </div>
  );
}

/** The file's text encoding: detected unless the user picks one (a GBK sheet read as UTF-8 shows mojibake). */
export function EncodingSelect({ value, onChange }: { value: ImportEncoding; onChange: (e: ImportEncoding) => void }) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor="import-encoding">{t('inventory.import.encoding')}</label>
      <select id="import-encoding" value={value} onChange={(e) => onChange(e.target.value as ImportEncoding)}>
        {IMPORT_ENCODINGS.map((enc) => (
          <option key={enc} value={enc}>
            {t(`inventory.import.encoding.${enc}`)}
          </option>
        ))}
      </select>
    </div>
  );
}
