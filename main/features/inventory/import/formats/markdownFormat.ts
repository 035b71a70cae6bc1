import { readTable } from '../tableImport';
import { meaningfulLines, type FormatReader } from './formatReader';

/** Pipe tables of Markdown notes (GitHub style). */
export const markdownFormat: FormatReader<'markdown'> = {
  format: 'markdown',
  extensions: ['md', 'markdown'],
  sniff: (text) => (meaningfulLines(text, 1)[0]?.startsWith('|') ? 0.9 : 0),
  read: ({ text, mapping }) => readTable(text, 'markdown', mapping),
};
