import type { SelEntry } from '../../../../common/domain/bmc';
import { toCsv } from '../../../../common/text/csv';

const COLUMNS = ['id', 'date', 'time', 'sensor', 'event', 'direction'] as const;

/** BMC text goes through the common CSV writer, whose formula guard keeps spreadsheets from running it. */
export function selToCsv(entries: readonly SelEntry[]): string {
  return toCsv(
    COLUMNS,
    entries.map((e) => COLUMNS.map((c) => e[c] ?? '')),
    '\r\n',
  );
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
