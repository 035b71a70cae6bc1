import { describe, expect, it } from 'vitest';
import { isLabel, MAX_DEVICES, parseHostCounters } from './hostCounters';

/*
 * The reference: the split-based parsers the in-place scanner replaced (every line cut into arrays of substrings and
 * numbers). The scanner must read every input, hostile or not, exactly as they did.
 */
const num = (s: string | undefined): number => {
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
};
const bad = (v: number) => !Number.isFinite(v) || v < 0;
const SKIP_DISK = /^(z?ram|loop|fd|sr)\d+$|^(h|s|v|xv)d[a-z]+\d+$|^nvme\d+n\d+p\d+$|^mmcblk\d+p\d+$/;

const reference = {
  uptime(lines: string[]) {
    const v = num(lines[0]?.split(/\s+/)[0]);
    return Number.isFinite(v) && v >= 0 ? v : null;
  },
  stat(lines: string[]) {
    let cpu: number[] | null = null;
    let cpuCount = 0;
    for (const line of lines) {
      if (/^cpu\d+\s/.test(line)) cpuCount++;
      if (!line.startsWith('cpu ')) continue;
      const f = line.trim().split(/\s+/).slice(1).map(num);
      if (f.length < 4 || f.slice(0, 4).some(bad)) continue;
      cpu = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => (bad(f[i] ?? NaN) ? 0 : f[i]!));
    }
    return { cpu, cpuCount };
  },
  load(lines: string[]) {
    const f = (lines[0] ?? '').trim().split(/\s+/).slice(0, 3).map(num);
    return f.length === 3 && !f.some(bad) ? f : null;
  },
  net(lines: string[]) {
    const net: [string, number[]][] = [];
    for (const line of lines) {
      const colon = line.indexOf(':');
      if (colon < 0 || line.includes('|')) continue;
      const name = line.slice(0, colon).trim();
      const f = line
        .slice(colon + 1)
        .trim()
        .split(/\s+/)
        .map(num);
      if (!isLabel(name) || f.length < 16 || f.some(bad)) continue;
      net.push([name, [f[0]!, f[1]!, f[8]!, f[9]!]]);
    }
    return new Map(net);
  },
  disk(lines: string[]) {
    const disk = new Map<string, number[]>();
    for (const line of lines) {
      const f = line.trim().split(/\s+/);
      if (f.length < 14) continue;
      const name = f[2]!;
      const v = f.slice(3, 14).map(num);
      if (!isLabel(name) || SKIP_DISK.test(name) || v.some(bad)) continue;
      if (disk.size >= MAX_DEVICES) break;
      disk.set(name, [v[0]!, v[2]!, v[4]!, v[6]!, v[9]!]);
    }
    return disk;
  },
};

const PIECES = [
  '0',
  '7',
  '12',
  '123456789012345',
  '1234567890123456789',
  '99999999999999999999999',
  '-1',
  '-0',
  '+5',
  '.5',
  '5.',
  '1e3',
  '1e400',
  '0x1f',
  '0b11',
  'Infinity',
  'NaN',
  '1_000',
  '١٢',
  'cpu',
  'cpu0',
  'cpu ',
  'eth0',
  'sda',
  'sda1',
  'loop0',
  'veth9',
  'lo',
  ':',
  '|',
  'kB',
  'MemTotal',
  'Cached',
  '{x}',
  '\u0000',
  ' ',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '\u3000',
  '\ufeff',
  '\u2028',
  '\u200b',
  '\v',
];

describe('the in-place snapshot scanner', () => {
  it('reads hostile and malformed lines exactly as the split-based parsers did', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
    const number = () => (rand() < 0.8 ? String(Math.floor(rand() * 1e6)) : pick(PIECES));
    const line = (head: string, fields: number) => {
      let s = head;
      for (let i = 0; i < fields; i++) s += (rand() < 0.9 ? ' ' : pick([' ', '\t', '  ', '\u00a0', ''])) + number();
      return rand() < 0.2 ? pick(PIECES) + s : s;
    };
    const lines = (make: () => string) => Array.from({ length: 1 + Math.floor(rand() * 6) }, make);
    for (let round = 0; round < 3000; round++) {
      const sections = new Map<string, string[]>([
        ['/proc/uptime', lines(() => line('', 2).trimStart())],
        ['/proc/stat', lines(() => line(pick(['cpu ', 'cpu  ', 'cpu0', 'cpu1 ', 'intr']), Math.floor(rand() * 12)))],
        ['/proc/meminfo', lines(() => `${pick(['MemTotal', 'Cached', ' SwapFree', 'Bogus'])}:${line('', 1)} kB`)],
        ['/proc/loadavg', lines(() => line('', Math.floor(rand() * 6)))],
        [
          '/proc/net/dev',
          lines(() => line(`${pick(['  eth0', 'lo', 'veth1', ' {x}', ''])}:`, 14 + Math.floor(rand() * 4))),
        ],
        [
          '/proc/diskstats',
          lines(() => line(`${pick(['8 0', ' 7', '  253 1'])} ${pick(PIECES)}`, 10 + Math.floor(rand() * 10))),
        ],
      ]);
      if (rand() < 0.3) sections.get('/proc/uptime')![0] = line(pick(['', ' ', '\t']), 2);
      const got = parseHostCounters(sections);
      const want = reference.stat(sections.get('/proc/stat')!);
      expect(got.uptime).toEqual(reference.uptime(sections.get('/proc/uptime')!));
      expect(got.cpuCount).toBe(want.cpuCount);
      expect(got.cpu && Object.values(got.cpu)).toEqual(want.cpu);
      expect(got.load).toEqual(reference.load(sections.get('/proc/loadavg')!));
      const net = [...got.net].map(([k, c]) => [k, [c.rxBytes, c.rxPackets, c.txBytes, c.txPackets]]);
      expect(net).toEqual([...reference.net(sections.get('/proc/net/dev')!)]);
      const disk = [...got.disk].map(([k, c]) => [k, [c.reads, c.readSectors, c.writes, c.writeSectors, c.ioMs]]);
      expect(disk).toEqual([...reference.disk(sections.get('/proc/diskstats')!)]);
    }
  });

  it('validates every field of a line longer than its token table', () => {
    const fields = Array.from({ length: 100 }, (_, i) => String(i));
    const good = `eth0: ${fields.join(' ')}`;
    const hostile = `eth1: ${fields.join(' ')} -5`;
    const c = parseHostCounters(new Map([['/proc/net/dev', [good, hostile]]]));
    expect([...c.net.keys()]).toEqual(['eth0']);
    expect(c.net.get('eth0')).toEqual({ rxBytes: 0, rxPackets: 1, txBytes: 8, txPackets: 9 });
  });
});
