import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, unguardCsvCell } from './csv';

const HOSTILE = [
  "=cmd|' /C calc'!A0",
  '=HYPERLINK("http://127.0.0.1/x","click")',
  '+1+cmd|x',
  '-2+3',
  '@SUM(A1)',
  '\t=1',
  '\r=1',
  "'=already quoted",
  "''=twice",
];

describe('the CSV writer', () => {
  it.each(HOSTILE)('never starts a cell with a formula character: %j', (value) => {
    const cell = csvCell(value);
    const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
    expect(unquoted).toMatch(/^'/);
    expect(unguardCsvCell(unquoted)).toBe(value);
  });

  it.each(['-1', '+2', '3.5', '-0.25', '1e6', 'zcloud', "it's", '', "'plain"])('leaves %j as it is', (value) => {
    expect(csvCell(value)).toBe(value.includes(',') ? `"${value}"` : value);
    expect(unguardCsvCell(value)).toBe(value);
  });

  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x,y', 'say "hi"\nbye'],
          [null, 7],
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi""\nbye"\n,7\n');
  });
});
