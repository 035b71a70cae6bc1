import './importWizard.css';
import { useCallback, useMemo, useState } from 'react';
import type {
  ColumnTarget,
  ImportEncoding,
  ImportLink,
  ImportPreview,
  ImportRequest,
  ImportResult,
  ImportRowPreview,
} from '../../../../../common/contract/inventory';
import type { Host } from '../../../../../common/domain/host';
import { call } from '../../../lib/api';
import { ApiError } from '../../../lib/apiError';
import { useT } from '../../../i18n/i18n';
import { Dialog } from '../../../ui/Dialog';
import { ErrorBanner } from '../../../ui/ErrorBanner';
import { errorsByLine, rowsToCommit, wizardRows, type WizardRow } from './importRows';
import { MappingPanel } from './MappingPanel';
import { PreviewTable, type RowEdit } from './PreviewTable';
import { LinksPanel } from './LinksPanel';
import { EncodingSelect, SourceStep, type ImportSource } from './SourceStep';

type Step = 'source' | 'preview' | 'done';
type Busy = null | 'reading' | 'committing';

/**
 * Import hosts from a sheet or config: read (dry run, nothing written), fix mappings and parsed fields,
 * then commit all rows in one transaction or none.
 */
export function ImportWizard({ hosts, onClose }: { hosts: readonly Host[]; onClose: () => void }) {
  const t = useT();
  const [step, setStep] = useState<Step>('source');
  const [source, setSource] = useState<ImportSource>({
    text: '',
    base64: null,
    fileName: null,
    format: 'auto',
    encoding: 'auto',
  });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [rows, setRows] = useState<WizardRow[]>([]);
  const [mapping, setMapping] = useState<Record<string, ColumnTarget>>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  /** Lines of BMC rows whose proposed link is ticked (all, after each read). */
  const [linksOn, setLinksOn] = useState<ReadonlySet<number>>(new Set());
  /** The server each proposed link points at, as the user may have changed it. */
  const [links, setLinks] = useState<ImportLink[]>([]);
  const hostNames = useMemo(() => hosts.map((h) => h.name), [hosts]);

  const request = (withMapping?: Record<string, ColumnTarget>, encoding = source.encoding): ImportRequest => ({
    ...(source.base64 !== null ? { base64: source.base64, encoding } : { text: source.text }),
    format: source.format,
    ...(source.fileName ? { fileName: source.fileName } : {}),
    ...(withMapping ? { mapping: withMapping } : {}),
  });

  const read = async (withMapping?: Record<string, ColumnTarget>, encoding?: ImportEncoding) => {
    setBusy('reading');
    setError(null);
    try {
      const p = await call('inventory.previewImport', request(withMapping, encoding));
      setPreview(p);
      setMapping(p.mapping);
      setRows(wizardRows(p.rows));
      setLinksOn(new Set(p.links.map((l) => l.bmcLine)));
      setLinks(p.links);
      setStep('preview');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  /** Rows past the first page are not shown; they are fetched at commit time and imported as read. */
  const remainingRows = async (p: ImportPreview): Promise<ImportRowPreview[]> => {
    const more: ImportRowPreview[] = [];
    for (let page = 1; p.rows.length + more.length < p.totalRows; page++) {
      const next = await call('inventory.previewImport', { ...request(mapping), page });
      if (next.rows.length === 0) break;
      more.push(...next.rows.filter((r) => r.action !== 'error'));
    }
    return more;
  };

  const commit = async () => {
    if (!preview) return;
    setBusy('committing');
    setError(null);
    try {
      const applied = links.filter((l) => linksOn.has(l.bmcLine));
      const all = [...rows, ...wizardRows(await remainingRows(preview))];
      setResult(
        await call('inventory.commitImport', {
          rows: rowsToCommit(all.filter((r) => !linksOn.has(r.preview.line))),
          links: applied,
          ...(source.fileName ? { source: source.fileName } : {}),
        }),
      );
      setStep('done');
    } catch (e) {
      const byLine = e instanceof ApiError ? errorsByLine(e.details) : new Map<number, string[]>();
      setRows((rs) => rs.map((r) => ({ ...r, commitErrors: byLine.get(r.preview.line) ?? [] })));
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const edit = useCallback((index: number, e: RowEdit) => {
    setRows((rs) =>
      rs.map((r, i) => {
        if (i !== index) return r;
        if (e.field === 'include') return { ...r, include: e.value };
        const p = r.preview;
        const next =
          e.field === 'parentName'
            ? { ...p, parentName: e.value.trim() === '' ? null : e.value }
            : e.field === 'cluster' || e.field === 'role'
              ? { ...p, fields: { ...p.fields, [e.field]: e.value.trim() === '' ? null : e.value } }
              : { ...p, fields: { ...p.fields, [e.field]: e.value } };
        return { ...r, preview: next, edited: true };
      }),
    );
  }, []);

  const included = rows.filter((r) => r.include && !linksOn.has(r.preview.line));
  const blocking = included.filter((r) => r.preview.action === 'error').length;
  const canCommit = step === 'preview' && included.length + linksOn.size > 0 && blocking === 0 && !busy;

  const footer =
    step === 'done' ? (
      <button type="button" className="primary" onClick={onClose} data-autofocus>
        {t('common.close')}
      </button>
    ) : (
      <>
        {step === 'preview' && (
          <button type="button" onClick={() => setStep('source')} disabled={Boolean(busy)}>
            {t('common.back')}
          </button>
        )}
        <span className="footer-spacer" />
        <button type="button" onClick={onClose} disabled={Boolean(busy)}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          onClick={() => void read(step === 'preview' ? mapping : undefined)}
          disabled={(!source.text.trim() && source.base64 === null) || Boolean(busy)}
        >
          {t('inventory.import.dryRun')}
        </button>
        {step === 'preview' && (
          <button type="button" className="primary" disabled={!canCommit} onClick={() => void commit()}>
            {t('inventory.import.commit', { count: included.length + linksOn.size })}
          </button>
        )}
      </>
    );

  return (
    <Dialog
      title={t('inventory.import.title')}
      onClose={onClose}
      size="large"
      busy={Boolean(busy)}
      closeLabel={t('common.close')}
      footer={footer}
    >
      <ol className="steps" aria-label={t('inventory.import.steps')}>
        {(['source', 'preview', 'done'] as const).map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined}>
            {t(`inventory.import.step.${s}`)}
          </li>
        ))}
      </ol>
      {busy && (
        <div className="progress" role="status">
          <progress aria-label={t(`inventory.import.busy.${busy}`)} />
          <span>{t(`inventory.import.busy.${busy}`, { count: included.length })}</span>
        </div>
      )}
      <ErrorBanner error={error} />
      {step === 'source' && <SourceStep source={source} onChange={setSource} />}
      {step === 'preview' && preview && (
        <>
          {preview.errors.map((message, i) => (
            <div key={i} className="banner banner-error" role="alert">
              {message}
            </div>
          ))}
          <p className="summary" aria-label={t('inventory.import.summary')}>
            <span>{t('inventory.import.detected', { format: t(`inventory.import.format.${preview.format}`) })}</span>
            {preview.encoding && (
              <span>
                {t(`inventory.import.encodingUsed.${preview.encoding.reason}`, {
                  encoding: t(`inventory.import.encoding.${preview.encoding.name}`),
                })}
              </span>
            )}
            {preview.readBy !== 'labvisor' && <span>{t('inventory.import.readBy', { tool: preview.readBy })}</span>}
            {(['create', 'update', 'unchanged', 'alias', 'link', 'error'] as const).map((a) => (
              <span key={a} className={`badge badge-${a}`}>
                {t(`inventory.import.action.${a}`)}: {preview.summary[a]}
              </span>
            ))}
          </p>
          {blocking > 0 && (
            <div className="banner banner-warning" role="status">
              {t('inventory.import.blocking', { count: blocking })}
            </div>
          )}
          {source.base64 !== null && (
            <EncodingSelect
              value={source.encoding}
              onChange={(encoding) => {
                setSource({ ...source, encoding });
                void read(mapping, encoding);
              }}
            />
          )}
          {preview.totalRows > preview.rows.length && (
            <div className="banner banner-warning" role="status">
              {t('inventory.import.paged', { shown: preview.rows.length, total: preview.totalRows })}
            </div>
          )}
          {links.length > 0 && (
            <LinksPanel
              links={links}
              hostNames={[
                ...new Set([
                  ...rows
                    .filter((r) => !r.preview.aliasOf && !linksOn.has(r.preview.line))
                    .map((r) => r.preview.fields.name),
                  ...hostNames,
                ]),
              ]}
              onEdit={(line, patch) =>
                setLinks((ls) =>
                  ls.map((l) =>
                    l.bmcLine !== line
                      ? l
                      : {
                          ...l,
                          hostName: patch.hostName ?? l.hostName,
                          bmc: { ...l.bmc, type: patch.type ?? l.bmc.type },
                        },
                  ),
                )
              }
              on={linksOn}
              onToggle={(line, on) =>
                setLinksOn((s) => {
                  const next = new Set(s);
                  if (on) next.add(line);
                  else next.delete(line);
                  return next;
                })
              }
            />
          )}
          {preview.unmappedHeaders.length > 0 && (
            <MappingPanel
              headers={preview.headers}
              unmapped={preview.unmappedHeaders}
              mapping={mapping}
              onChange={setMapping}
              onApply={() => void read(mapping)}
              busy={Boolean(busy)}
            />
          )}
          {rows.length > 0 && <PreviewTable rows={rows} onEdit={edit} hostNames={hostNames} />}
        </>
      )}
      {step === 'done' && result && (
        <div className="import-done" role="status">
          <h3>{t('inventory.import.doneTitle')}</h3>
          <p>
            {t('inventory.import.doneBody', {
              links: result.links,
              created: result.created,
              updated: result.updated,
              unchanged: result.unchanged,
              aliases: result.aliases,
            })}
          </p>
        </div>
      )}
    </Dialog>
  );
}
