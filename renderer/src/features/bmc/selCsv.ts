import type { SelEntry } from '../../../../common/domain/bmc';

const COLUMNS = ['id', 'date', 'time', 'sensor', 'event', 'direction'] as const;

/** RFC 4180 quoting; a leading = + - @ is prefixed with ' so a spreadsheet never runs BMC text as a formula. */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function selToCsv(entries: readonly SelEntry[]): string {
  const lines = [COLUMNS.join(',')];
  for (const e of entries) lines.push(COLUMNS.map((c) => cell(e[c] ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Matches every word of the filter against the entry's text, case-insensitively. */
export function selMatches(entry: SelEntry, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay =
    `${entry.id} ${entry.date} ${entry.time} ${entry.sensor} ${entry.event} ${entry.direction ?? ''}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** A file name for the export: `sel-<host>-<yyyy-mm-dd>.csv`, safe on every file system. */
export function selFileName(hostName: string, now: Date): string {
  return `sel-${hostName.replace(/[^\w.-]+/g, '_')}-${now.toISOString().slice(0, 10)}.csv`;
}
