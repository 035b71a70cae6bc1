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
  const v = num(lines?.[0]?.split(/\s+/)[0]);
  return Number.isFinite(v) && v >= 0 ? v : null;
}

function parseStat(lines: string[] | undefined): { cpu: CpuJiffies | null; cpuCount: number } {
  let cpu: CpuJiffies | null = null;
  let cpuCount = 0;
  for (const line of lines ?? []) {
    if (/^cpu\d+\s/.test(line)) cpuCount++;
    if (!line.startsWith('cpu ')) continue;
    const f = line.trim().split(/\s+/).slice(1).map(num);
    if (f.length < 4 || f.slice(0, 4).some((v) => !Number.isFinite(v) || v < 0)) continue;
    const at = (i: number) => (Number.isFinite(f[i]!) && f[i]! >= 0 ? f[i]! : 0);
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
export const MEMINFO_FIELDS = new Set(['MemTotal', 'MemFree', 'MemAvailable', 'Buffers', 'Cached', 'SwapTotal', 'SwapFree']);

function parseMeminfo(lines: string[] | undefined): Map<string, number> {
  const mem = new Map<string, number>();
  for (const line of lines ?? []) {
    const colon = line.indexOf(':');
    if (colon < 0 || !MEMINFO_FIELDS.has(line.slice(0, colon).trim())) continue;
    const m = /^(\w+(?:\(\w+\))?):\s+(\d+)(?:\s+kB)?$/.exec(line.trim());
    if (!m) continue;
    const v = Number(m[2]) * (line.trim().endsWith('kB') ? 1024 : 1);
    if (Number.isFinite(v)) mem.set(m[1]!, v);
  }
  return mem;
}

function parseLoadavg(lines: string[] | undefined): [number, number, number] | null {
  const f = (lines?.[0] ?? '').trim().split(/\s+/).slice(0, 3).map(num);
  return f.length === 3 && f.every((v) => Number.isFinite(v) && v >= 0) ? (f as [number, number, number]) : null;
}

function parseNetDev(lines: string[] | undefined): Map<string, NetCounters> {
  const net = new Map<string, NetCounters>();
  for (const line of lines ?? []) {
    const colon = line.indexOf(':');
    if (colon < 0 || line.includes('|')) continue;
    const name = line.slice(0, colon).trim();
    const f = line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)
      .map(num);
    if (!isLabel(name) || f.length < 16 || f.some((v) => !Number.isFinite(v) || v < 0)) continue;
    net.set(name, { rxBytes: f[0]!, rxPackets: f[1]!, txBytes: f[8]!, txPackets: f[9]! });
  }
  return net;
}

function parseDiskstats(lines: string[] | undefined): Map<string, DiskCounters> {
  const disk = new Map<string, DiskCounters>();
  for (const line of lines ?? []) {
    const f = line.trim().split(/\s+/);
    if (f.length < 14) continue;
    const name = f[2]!;
    const v = f.slice(3, 14).map(num);
    if (!isLabel(name) || SKIP_DISK.test(name) || v.some((x) => !Number.isFinite(x) || x < 0)) continue;
    if (disk.size >= MAX_DEVICES) break;
    disk.set(name, { reads: v[0]!, readSectors: v[2]!, writes: v[4]!, writeSectors: v[6]!, ioMs: v[9]! });
  }
  return disk;
}

function parsePressure(sections: Sections): Map<string, number> {
  const psi = new Map<string, number>();
  for (const resource of ['cpu', 'memory', 'io']) {
    for (const line of sections.get(`/proc/pressure/${resource}`) ?? []) {
      const m = /^(some|full)\s.*\btotal=(\d+)/.exec(line);
      if (m) psi.set(`${resource}.${m[1]}`, Number(m[2]));
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
