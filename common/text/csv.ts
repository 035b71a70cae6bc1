/**
 * The one CSV writer (RFC 4180) every export uses, with the spreadsheet formula guard: a cell starting with
 * `= + - @`, TAB or CR would be run as a formula by Excel, LibreOffice or Sheets (`=cmd|' /C calc'!A0`,
 * `=HYPERLINK(…)`), so it is written with a leading `'`, which spreadsheets show as text. Plain numbers (`-1`)
 * stay numbers. A value that already starts with `'` before such a character gets one more, so that
 * `unguardCsvCell` (used by the importer) gives back exactly what was exported.
 */

export type CsvValue = string | number | null | undefined;

const GUARDED = /^'*[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

function guardCsvCell(text: string): string {
  return GUARDED.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** What `guardCsvCell` wrote, back to the value: one leading `'` before a guarded character is dropped. */
export function unguardCsvCell(cell: string): string {
  return cell.startsWith("'") && GUARDED.test(cell) && !PLAIN_NUMBER.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = guardCsvCell(String(value));
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Whole CSV text: a header row, then one line per row; `eol` is CRLF for spreadsheets that expect it. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[], eol = '\n'): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join(eol) + eol;
}
