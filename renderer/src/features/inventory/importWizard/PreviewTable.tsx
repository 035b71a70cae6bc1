import { memo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { HOST_KINDS, primaryAddress, type HostKind } from '../../../../../common/domain/host';
import { useT, type Translate } from '../../../i18n/i18n';
import type { WizardRow } from './importRows';

const ROW_HEIGHT = 30;
const TEMPLATE =
  '28px 44px 86px minmax(140px, 1.4fr) 120px 104px 64px minmax(100px, 1fr) 100px 90px minmax(160px, 2fr)';

export type RowEdit =
  | { field: 'name' | 'cluster' | 'role'; value: string }
  | { field: 'kind'; value: HostKind }
  | { field: 'layer'; value: number }
  | { field: 'parentName'; value: string }
  | { field: 'include'; value: boolean };

interface PreviewTableProps {
  rows: readonly WizardRow[];
  onEdit: (index: number, edit: RowEdit) => void;
  hostNames: string[];
}

/** Step 2: every row with what a commit would do to it; parsed fields are editable before committing. */
export function PreviewTable({ rows, onEdit, hostNames }: PreviewTableProps) {
  const t = useT();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const headers = [
    'include',
    'line',
    'action',
    'name',
    'address',
    'kind',
    'layer',
    'parent',
    'cluster',
    'role',
    'messages',
  ];
  return (
    <div
      ref={scrollRef}
      className="grid-scroll preview-grid"
      role="table"
      aria-label={t('inventory.import.previewTable')}
      aria-rowcount={rows.length + 1}
    >
      <div role="rowgroup" className="grid-head">
        <div role="row" className="grid-row" style={{ gridTemplateColumns: TEMPLATE }}>
          {headers.map((h) => (
            <div key={h} role="columnheader" className="cell">
              {t(`inventory.import.col.${h}`)}
            </div>
          ))}
        </div>
      </div>
      <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => (
          <PreviewRow
            key={item.index}
            index={item.index}
            row={rows[item.index]!}
            top={item.start}
            onEdit={onEdit}
            t={t}
          />
        ))}
      </div>
      <datalist id="import-host-names">
        {hostNames.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </div>
  );
}

interface PreviewRowProps {
  index: number;
  row: WizardRow;
  top: number;
  onEdit: (index: number, edit: RowEdit) => void;
  t: Translate;
}

const PreviewRow = memo(function PreviewRow({ index, row, top, onEdit, t }: PreviewRowProps) {
  const { preview } = row;
  const f = preview.fields;
  const messages = [...row.commitErrors, ...preview.errors];
  const label = (key: string) =>
    t('inventory.import.editField', { field: t(`inventory.import.col.${key}`), line: preview.line });
  const alias = preview.action === 'alias';
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={`grid-row preview-row action-${preview.action}${row.include ? '' : ' excluded'}`}
      style={{ gridTemplateColumns: TEMPLATE, transform: `translateY(${top}px)` }}
    >
      <div role="cell" className="cell">
        <input
          type="checkbox"
          aria-label={t('inventory.import.includeLine', { line: preview.line })}
          checked={row.include}
          onChange={(e) => onEdit(index, { field: 'include', value: e.target.checked })}
        />
      </div>
      <div role="cell" className="cell numeric">
        {preview.line}
      </div>
      <div role="cell" className="cell">
        <span className={`badge badge-${preview.action}`}>{t(`inventory.import.action.${preview.action}`)}</span>
        {row.edited && <span className="muted"> *</span>}
      </div>
      <div role="cell" className="cell">
        <input
          aria-label={label('name')}
          value={f.name}
          onChange={(e) => onEdit(index, { field: 'name', value: e.target.value })}
          spellCheck={false}
        />
      </div>
      <div role="cell" className="cell mono" title={alias ? (preview.aliasOf ?? '') : undefined}>
        {alias ? `→ ${preview.aliasOf ?? ''}` : (primaryAddress(f) ?? '')}
      </div>
      <div role="cell" className="cell">
        <select
          aria-label={label('kind')}
          value={f.kind}
          disabled={alias}
          onChange={(e) => onEdit(index, { field: 'kind', value: e.target.value as HostKind })}
        >
          {HOST_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`inventory.kind.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div role="cell" className="cell">
        <input
          aria-label={label('layer')}
          type="number"
          min={0}
          max={9}
          value={f.layer}
          disabled={alias}
          onChange={(e) =>
            onEdit(index, { field: 'layer', value: Math.max(0, Math.min(9, Number(e.target.value) || 0)) })
          }
        />
      </div>
      <div role="cell" className="cell">
        <input
          aria-label={label('parent')}
          list="import-host-names"
          value={preview.parentName ?? ''}
          disabled={alias}
          onChange={(e) => onEdit(index, { field: 'parentName', value: e.target.value })}
          spellCheck={false}
        />
      </div>
      <div role="cell" className="cell">
        <input
          aria-label={label('cluster')}
          value={f.cluster ?? ''}
          disabled={alias}
          onChange={(e) => onEdit(index, { field: 'cluster', value: e.target.value })}
        />
      </div>
      <div role="cell" className="cell">
        <input
          aria-label={label('role')}
          value={f.role ?? ''}
          disabled={alias}
          onChange={(e) => onEdit(index, { field: 'role', value: e.target.value })}
        />
      </div>
      <div role="cell" className="cell messages" title={[...messages, ...preview.warnings].join('\n')}>
        {messages.map((m, i) => (
          <span key={`e${i}`} className="msg-error">
            {t('inventory.import.lineError', { line: preview.line, message: m })}
          </span>
        ))}
        {preview.warnings.map((m, i) => (
          <span key={`w${i}`} className="msg-warning">
            {m}
          </span>
        ))}
      </div>
    </div>
  );
});
