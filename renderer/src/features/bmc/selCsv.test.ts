import { describe, expect, it } from 'vitest';
import type { SelEntry } from '../../../../common/domain/bmc';
import { selFileName, selMatches, selToCsv } from './selCsv';

const entry = (over: Partial<SelEntry>): SelEntry => ({
  id: '1',
  date: 'Pre-Init',
  time: '00:00:00',
  sensor: 'Temperature #0x01',
  event: 'Upper Critical going high',
  direction: 'asserted',
  going: null,
  ...over,
});

describe('SEL export', () => {
  it('writes a header and quotes commas, quotes and new lines', () => {
    const csv = selToCsv([entry({ event: 'said "hot", then\nstopped' })]);
    expect(csv).toBe(
      'id,date,time,sensor,event,direction\r\n1,Pre-Init,00:00:00,Temperature #0x01,"said ""hot"", then\nstopped",asserted\r\n',
    );
  });

  it('defuses formulas in BMC text and writes null direction as empty', () => {
    expect(selToCsv([entry({ sensor: '=HYPERLINK("x")', direction: null })])).toContain(`,"'=HYPERLINK(""x"")",`);
    expect(
      selToCsv([entry({ direction: null })])
        .trimEnd()
        .endsWith(','),
    ).toBe(true);
  });

  it('filters on every word, case-insensitively', () => {
    expect(selMatches(entry({}), 'temperature CRITICAL')).toBe(true);
    expect(selMatches(entry({}), 'fan')).toBe(false);
    expect(selMatches(entry({}), '  ')).toBe(true);
  });

  it('names the file after the host and day, without path characters', () => {
    expect(selFileName('../evil host', new Date('2026-01-02T03:04:05Z'))).toBe('sel-.._evil_host-2026-01-02.csv');
  });
});
