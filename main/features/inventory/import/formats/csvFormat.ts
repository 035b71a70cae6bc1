import { readTable } from '../tableImport';
import type { FormatReader } from './formatReader';

/** Comma-separated sheets: the fallback when nothing else fits, so its sniff stays low. */
export const csvFormat: FormatReader<'csv'> = {
  format: 'csv',
  extensions: ['csv'],
  sniff: () => 0.1,
  read: ({ text, mapping }) => readTable(text, 'csv', mapping),
};
