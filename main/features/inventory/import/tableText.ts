import { unguardCsvCell } from '../../../../common/text/csv';

/** One record of a table file with the line it starts on (1-based, as an editor shows it). */
export interface TableRecord {
  line: number;
  cells: string[];
}

/** Splits CSV/TSV text: quoted fields may hold the delimiter, `""` and newlines; CRLF and a BOM are fine. */
export function splitDelimited(text: string, delimiter: ',' | '\t'): TableRecord[] {
  const records: TableRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  let touched = false;
  const endRecord = () => {
    cells.push(cell);
    // Undo the export's formula guard (common/text/csv.ts), so export → import changes nothing.
    if (touched || cells.length > 1 || cell !== '') records.push({ line: start, cells: cells.map(unguardCsvCell) });
    cells = [];
    cell = '';
    touched = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        if (ch !== '\r' || text[i + 1] !== '\n') cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') {
      quoted = true;
      touched = true;
      cell = '';
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n') {
      endRecord();
      line++;
      start = line;
    } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || cells.length || touched) endRecord();
  return records;
}

const ALIGNMENT = /^\s*:?-{2,}:?\s*$/;

/** Reads the pipe tables of Markdown (GitHub style); the `|---|:--:|` row is skipped. */
export function splitMarkdown(text: string): TableRecord[] {
  const records: TableRecord[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (!trimmed.startsWith('|') && !(records.length && trimmed.includes('|'))) return;
    const cells = splitPipes(trimmed);
    if (cells.length && cells.every((c) => ALIGNMENT.test(c))) return;
    records.push({ line: i + 1, cells });
  });
  return records;
}

function splitPipes(row: string): string[] {
  const inner = row.replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '\\' && inner[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (ch === '|') {
      cells.push(cell);
      cell = '';
    } else cell += ch;
  }
  cells.push(cell);
  return cells.map((c) => c.trim().replace(/<br\s*\/?>/gi, '\n'));
}
