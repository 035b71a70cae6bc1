import { readTable } from '../tableImport';
import { meaningfulLines, type FormatReader } from './formatReader';

/** Tab-separated text, as Excel and LibreOffice copy cells or save "Text (Tab delimited)". */
export const tsvFormat: FormatReader<'tsv'> = {
  format: 'tsv',
  extensions: ['tsv', 'tab'],
  sniff: (text) => (meaningfulLines(text, 1)[0]?.includes('\t') ? 0.5 : 0),
  read: ({ text, mapping }) => readTable(text, 'tsv', mapping),
};
