import type { ImportRow, ImportRowPreview } from '../../../../../common/contract/inventory';

/** A previewed row as the wizard holds it: the user may exclude it or correct its parsed fields. */
export interface WizardRow {
  preview: ImportRowPreview;
  include: boolean;
  edited: boolean;
  /** Errors the server reported for this line when a commit was refused. */
  commitErrors: string[];
}

export function wizardRows(rows: readonly ImportRowPreview[]): WizardRow[] {
  return rows.map((preview) => ({ preview, include: preview.action !== 'error', edited: false, commitErrors: [] }));
}

/** What commitImport receives: the included rows, without the preview's annotations. */
export function rowsToCommit(rows: readonly WizardRow[]): ImportRow[] {
  return rows
    .filter((r) => r.include)
    .map(({ preview: { line, fields, parentName, jumpHostName, bmcJumpHostName, aliasOf } }) => ({
      line,
      fields,
      parentName,
      jumpHostName,
      bmcJumpHostName,
      aliasOf,
    }));
}

/**
 * A refused commit carries the rows' problems in `details`; accept `[{line, errors|message}]` or
 * `{rows: [...]}` and give back line → messages.
 */
export function errorsByLine(details: unknown): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const list = Array.isArray(details)
    ? details
    : details && typeof details === 'object' && Array.isArray((details as { rows?: unknown }).rows)
      ? (details as { rows: unknown[] }).rows
      : [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const { line, errors, message } = item as { line?: unknown; errors?: unknown; message?: unknown };
    if (typeof line !== 'number') continue;
    const messages = Array.isArray(errors) ? errors.map(String) : typeof message === 'string' ? [message] : [];
    out.set(line, [...(out.get(line) ?? []), ...messages]);
  }
  return out;
}
