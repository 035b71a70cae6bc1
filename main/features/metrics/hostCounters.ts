import type { Sections } from './snapshotStream';

export interface CpuJiffies {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number;
  irq: number;
  softirq: number;
  steal: number;
}

interface NetCounters {
  rxBytes: number;
  txBytes: number;
  rxPackets: number;
  txPackets: number;
}

interface DiskCounters {
  reads: number;
  readSectors: number;
  writes: number;
  writeSectors: number;
  ioMs: number;
}

interface FsUsage {
  sizeBytes: number;
  usedBytes: number;
  availBytes: number;
}

/** One snapshot of a host's /proc counters and gauges, as read (rates come from two of these). */
export interface HostCounters {
  /** Seconds since boot: the clock rates are computed against, immune to the network's jitter. */
  uptime: number | null;
  cpu: CpuJiffies | null;
  cpuCount: number;
  /** /proc/meminfo in bytes by key. */
  mem: Map<string, number>;
  load: [number, number, number] | null;
  net: Map<string, NetCounters>;
  disk: Map<string, DiskCounters>;
  /** Pressure stall totals in microseconds, `cpu.some`, `memory.full`, ... */
  psi: Map<string, number>;
  /** Filesystems by mount point; null when this snapshot has no df section. */
  fs: Map<string, FsUsage> | null;
}

/** More than this many devices of one kind is a container host's veth crowd: the rest are left out. */
export const MAX_DEVICES = 32;
/** Labels come from the remote host: printable, bounded, no braces (they delimit the label in a series key). */
const LABEL = /^[\x21-\x7a\x7c\x7e][\x20-\x7a\x7c\x7e]{0,127}$/;
/** Interface name prefixes of virtual links (containers, VMs, bridges' ports): neither listed nor summed. */
export const VIRTUAL_NET_PREFIXES = [
  'veth',
  'cali',
  'flannel',
  'cni',
  'docker',
  'br-',
  'lxc',
  'tap',
  'vnet',
  'fwbr',
  'fwln',
  'fwpr',
  'kube-ipvs',
];
export const VIRTUAL_NET = new RegExp(`^(${VIRTUAL_NET_PREFIXES.join('|')})`);
/** Whole-device names in /proc/diskstats that are never disks worth a series (the rest of SKIP_DISK: partitions). */
export const SKIP_DISK_PREFIXES = ['ram', 'zram', 'loop', 'fd', 'sr'];
const SKIP_DISK = new RegExp(
  `^(${SKIP_DISK_PREFIXES.join('|')})\\d+$|^(h|s|v|xv)d[a-z]+\\d+$|^nvme\\d+n\\d+p\\d+$|^mmcblk\\d+p\\d+$`,
);
const SKIP_FS = /^(tmpfs|devtmpfs|overlay|squashfs|efivarfs|udev|none|shm|ramfs)$/;

export function isLabel(s: string): boolean {
  return LABEL.test(s);
}

const num = (s: string | undefined): number => {
  const v = Number(s);
  return Number.isFinite(v) ? v : NaN;
};

/** JavaScript's `\s`, so a line splits exactly as `trim().split(/\s+/)` would split it. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/*
 * One reused token table: every snapshot line is scanned in place instead of split into an array of substrings
 * and an array of numbers (those allocations, ~100 lines a second per host, were most of the garbage per sample).
 */
const MAX_TOKENS = 64;
const tokStart = new Int32Array(MAX_TOKENS);
const tokEnd = new Int32Array(MAX_TOKENS);
/** Each token's value with num()'s meaning: NaN unless Number() gives a finite number. */
const tokNum = new Float64Array(MAX_TOKENS);
/** Index of the first token (of all, not only the first MAX_TOKENS) that is not a finite number >= 0, or -1. */
let firstBad = -1;

/** num() of line[a, b) without a substring for plain digits; anything else goes through Number() itself. */
function tokenValue(line: string, a: number, b: number): number {
  if (b - a <= 15) {
    let v = 0;
    let i = a;
    for (; i < b; i++) {
      const d = line.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (i === b) return v;
  }
  const c = line.charCodeAt(a);
  // Only these can start a string Number() reads as finite (digits, sign, point); the rest is NaN unallocated.
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46)) return NaN;
  return num(line.slice(a, b));
}

/** Scans the whitespace-separated tokens of line[from..]; returns how many there are. */
function tokenize(line: string, from = 0): number {
  let count = 0;
  firstBad = -1;
  let i = from;
  const n = line.length;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const a = i;
    while (i < n && !isSpace(line.charCodeAt(i))) i++;
    const v = tokenValue(line, a, i);
    if (firstBad < 0 && !(v >= 0)) firstBad = count;
    if (count < MAX_TOKENS) {
      tokStart[count] = a;
      tokEnd[count] = i;
      tokNum[count] = v;
    }
    count++;
  }
  return count;
}

const validAt = (i: number) => i < MAX_TOKENS && tokNum[i]! >= 0;

export function parseHostCounters(sections: Sections): HostCounters {
  return {
    uptime: parseUptime(sections.get('/proc/uptime')),
    ...parseStat(sections.get('/proc/stat')),
    mem: parseMeminfo(sections.get('/proc/meminfo')),
    load: parseLoadavg(sections.get('/proc/loadavg')),
    net: parseNetDev(sections.get('/proc/net/dev')),
    disk: parseDiskstats(sections.get('/proc/diskstats')),
    psi: parsePressure(sections),
    fs: sections.has('df') ? parseDf(sections.get('df')!) : null,
  };
}

function parseUptime(lines: string[] | undefined): number | null {
  const line = lines?.[0];
  if (line === undefined) return null;
  // As `num(line.split(/\s+/)[0])`: a line that is empty or starts with whitespace has an empty first field (0).
  const v = line.length === 0 || isSpace(line.charCodeAt(0)) ? 0 : (tokenize(line), tokNum[0]!);
  return Number.isFinite(v) && v >= 0 ? v : null;
}

const CPU_N = /^cpu\d+\s/;

function parseStat(lines: string[] | undefined): { cpu: CpuJiffies | null; cpuCount: number } {
  let cpu: CpuJiffies | null = null;
  let cpuCount = 0;
  for (const line of lines ?? []) {
    if (CPU_N.test(line)) cpuCount++;
    if (!line.startsWith('cpu ')) continue;
    // Token 0 is `cpu`; the jiffies follow.
    const count = tokenize(line);
    if (count - 1 < 4 || !(validAt(1) && validAt(2) && validAt(3) && validAt(4))) continue;
    const at = (i: number) => (i + 1 < count && validAt(i + 1) ? tokNum[i + 1]! : 0);
    cpu = {
      user: at(0),
      nice: at(1),
      system: at(2),
      idle: at(3),
      iowait: at(4),
      irq: at(5),
      softirq: at(6),
      steal: at(7),
    };
  }
  return { cpu, cpuCount };
}

/** The /proc/meminfo fields the values use: the sampler sends only these (and the parser reads only these). */
export const MEMINFO_FIELDS = ['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree'];

/** Whether line's key (before `colon`, trimmed) is one of MEMINFO_FIELDS, compared in place. */
function wantedMeminfoKey(line: string, colon: number): boolean {
  let a = 0;
  let b = colon;
  while (a < b && isSpace(line.charCodeAt(a))) a++;
  while (b > a && isSpace(line.charCodeAt(b - 1))) b--;
  for (const field of MEMINFO_FIELDS) if (b - a === field.length && line.startsWith(field, a)) return true;
  return false;
}

function parseMeminfo(lines: string[] | undefined): Map<string, number> {
  const mem = new Map<string, number>();
  for (const line of lines ?? []) {
    const colon = line.indexOf(':');
    if (colon < 0 || !wantedMeminfoKey(line, colon)) continue;
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s+kB)?$/.exec(line.trim());
    if (!m) continue;
    const v = Number(m[2]) * (line.trim().endsWith('kB') ? 1024 : 1);
    if (Number.isFinite(v)) mem.set(m[1]!, v);
  }
  return mem;
}

function parseLoadavg(lines: string[] | undefined): [number, number, number] | null {
  const count = tokenize(lines?.[0] ?? '');
  return count >= 3 && validAt(0) && validAt(1) && validAt(2) ? [tokNum[0]!, tokNum[1]!, tokNum[2]!] : null;
}

function parseNetDev(lines: string[] | undefined): Map<string, NetCounters> {
  const net = new Map<string, NetCounters>();
  for (const line of lines ?? []) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const count = tokenize(line, colon + 1);
    if (count < 16 || firstBad >= 0) continue;
    const name = line.slice(0, colon).trim();
    if (!isLabel(name)) continue;
    net.set(name, { rxBytes: tokNum[0]!, rxPackets: tokNum[1]!, txBytes: tokNum[8]!, txPackets: tokNum[9]! });
  }
  return net;
}

function parseDiskstats(lines: string[] | undefined): Map<string, DiskCounters> {
  const disk = new Map<string, DiskCounters>();
  for (const line of lines ?? []) {
    if (tokenize(line) < 14) continue;
    let valid = true;
    for (let i = 3; i < 14; i++) valid &&= validAt(i);
    if (!valid) continue;
    const name = line.slice(tokStart[2]!, tokEnd[2]!);
    if (!isLabel(name) || SKIP_DISK.test(name)) continue;
    if (disk.size >= MAX_DEVICES) break;
    disk.set(name, {
      reads: tokNum[3]!,
      readSectors: tokNum[5]!,
      writes: tokNum[7]!,
      writeSectors: tokNum[9]!,
      ioMs: tokNum[12]!,
    });
  }
  return disk;
}

/** Section name and the two keys per pressure resource, built once rather than per sample. */
const PRESSURE = ['cpu', 'memory', 'io'].map((r) => [`/proc/pressure/${r}`, `${r}.some`, `${r}.full`] as const);

function parsePressure(sections: Sections): Map<string, number> {
  const psi = new Map<string, number>();
  for (const [section, some, full] of PRESSURE) {
    for (const line of sections.get(section) ?? []) {
      const m = /^(some|full)\s.*\btotal=(\d+)/.exec(line);
      if (m) psi.set(m[1] === 'some' ? some : full, Number(m[2]));
    }
  }
  return psi;
}

function parseDf(lines: string[]): Map<string, FsUsage> {
  const fs = new Map<string, FsUsage>();
  for (const line of lines) {
    const m = /^(\S+)\s+(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s+(\/.*)$/.exec(line);
    if (!m || SKIP_FS.test(m[1]!) || !isLabel(m[5]!) || fs.has(m[5]!)) continue;
    if (fs.size >= MAX_DEVICES) break;
    fs.set(m[5]!, { sizeBytes: Number(m[2]) * 1024, usedBytes: Number(m[3]) * 1024, availBytes: Number(m[4]) * 1024 });
  }
  return fs;
}
