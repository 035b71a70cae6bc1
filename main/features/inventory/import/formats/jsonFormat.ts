import { readLabvisorJson } from '../jsonImport';
import { meaningfulLines, type FormatReader } from './formatReader';

/** Labvisor's own export. */
export const jsonFormat: FormatReader<'json'> = {
  format: 'json',
  extensions: ['json'],
  sniff(text) {
    const first = meaningfulLines(text, 1)[0] ?? '';
    return first.startsWith('{') || first.startsWith('[{') || first === '[' ? 0.95 : 0;
  },
  read: ({ text }) => readLabvisorJson(text),
};
