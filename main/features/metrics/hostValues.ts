import { MAX_DEVICES, VIRTUAL_NET, type CpuJiffies, type HostCounters } from './hostCounters';

/** Labelled keys already built, per metric name: the same `net.rxBps{eth0}` string every second, not a new one. */
const labelledKeys = new Map<string, Map<string, string>>();
/** Hostile hosts could invent labels without end: past this many per metric the cache starts over. */
const MAX_CACHED_LABELS = 4096;

/** A series key: the metric name, and its one label (interface, device, mount point, domain) in braces. */
export function seriesKey(name: string, label?: string): string {
  if (label === undefined) return name;
  let keys = labelledKeys.get(name);
  if (!keys) labelledKeys.set(name, (keys = new Map()));
  let key = keys.get(label);
  if (key === undefined) {
    if (keys.size >= MAX_CACHED_LABELS) keys.clear();
    key = `${name}{${label}}`;
    keys.set(label, key);
  }
  return key;
}

export function splitKey(key: string): { name: string; label: string | null } {
  const brace = key.indexOf('{');
  return brace < 0 || !key.endsWith('}')
    ? { name: key, label: null }
    : { name: key.slice(0, brace), label: key.slice(brace + 1, -1) };
}

/**
 * The values of one sample: gauges from `cur`, rates from the counters' change since `prev` over the remote
 * host's own uptime clock (so network jitter does not distort them). No rate when there is no usable `prev`.
 */
export function hostValues(prev: HostCounters | null, cur: HostCounters): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (key: string, v: number) => {
    if (Number.isFinite(v)) out[key] = v;
  };
  gauges(cur, put);
  const dt = prev?.uptime != null && cur.uptime != null ? cur.uptime - prev.uptime : NaN;
  if (!prev || !(dt > 0)) return out;
  if (prev.cpu && cur.cpu) cpuRates(prev.cpu, cur.cpu, put);
  netRates(prev, cur, dt, put);
  diskRates(prev, cur, dt, put);
  for (const [k, total] of cur.psi) {
    const before = prev.psi.get(k);
    if (before !== undefined && total >= before) put(`psi.${k}`, Math.min(100, ((total - before) / (dt * 1e6)) * 100));
  }
  return out;
}

function gauges(cur: HostCounters, put: (key: string, v: number) => void): void {
  const m = cur.mem;
  const total = m.get('MemTotal');
  if (total !== undefined && total > 0) {
    const available =
      m.get('MemAvailable') ?? (m.get('MemFree') ?? 0) + (m.get('Buffers') ?? 0) + (m.get('Cached') ?? 0);
    put('mem.totalBytes', total);
    put('mem.availableBytes', available);
    put('mem.usedBytes', total - available);
    put('mem.percent', ((total - available) / total) * 100);
  }
  const swapTotal = m.get('SwapTotal');
  if (swapTotal !== undefined) {
    put('swap.totalBytes', swapTotal);
    put('swap.usedBytes', swapTotal - (m.get('SwapFree') ?? swapTotal));
  }
  if (cur.load) {
    put('load.1', cur.load[0]);
    put('load.5', cur.load[1]);
    put('load.15', cur.load[2]);
  }
  if (cur.uptime !== null) put('uptime.seconds', cur.uptime);
  if (cur.cpuCount > 0) put('cpu.count', cur.cpuCount);
  for (const [mount, fs] of cur.fs ?? []) {
    put(seriesKey('fs.sizeBytes', mount), fs.sizeBytes);
    put(seriesKey('fs.usedBytes', mount), fs.usedBytes);
    // As df computes Use%: used over what non-root users can have.
    if (fs.usedBytes + fs.availBytes > 0)
      put(seriesKey('fs.usedPercent', mount), (fs.usedBytes / (fs.usedBytes + fs.availBytes)) * 100);
  }
}

function cpuRates(a: CpuJiffies, b: CpuJiffies, put: (key: string, v: number) => void): void {
  const d = (k: keyof CpuJiffies) => Math.max(0, b[k] - a[k]);
  const total = d('user') + d('nice') + d('system') + d('idle') + d('iowait') + d('irq') + d('softirq') + d('steal');
  if (total <= 0) return;
  const pct = (v: number) => (v / total) * 100;
  put('cpu.percent', pct(total - d('idle') - d('iowait')));
  put('cpu.user', pct(d('user') + d('nice')));
  put('cpu.system', pct(d('system') + d('irq') + d('softirq')));
  put('cpu.iowait', pct(d('iowait')));
  put('cpu.steal', pct(d('steal')));
}

function netRates(prev: HostCounters, cur: HostCounters, dt: number, put: (key: string, v: number) => void): void {
  let rx = 0;
  let tx = 0;
  let listed = 0;
  for (const [name, c] of cur.net) {
    const p = prev.net.get(name);
    if (!p || c.rxBytes < p.rxBytes || c.txBytes < p.txBytes) continue;
    const rxBps = (c.rxBytes - p.rxBytes) / dt;
    const txBps = (c.txBytes - p.txBytes) / dt;
    const virtual = VIRTUAL_NET.test(name);
    if (name !== 'lo' && !virtual) {
      rx += rxBps;
      tx += txBps;
    }
    if (virtual || listed >= MAX_DEVICES) continue;
    listed++;
    put(seriesKey('net.rxBps', name), rxBps);
    put(seriesKey('net.txBps', name), txBps);
  }
  put('net.rxBps', rx);
  put('net.txBps', tx);
}

function diskRates(prev: HostCounters, cur: HostCounters, dt: number, put: (key: string, v: number) => void): void {
  let read = 0;
  let write = 0;
  for (const [name, c] of cur.disk) {
    const p = prev.disk.get(name);
    if (!p || c.readSectors < p.readSectors || c.writeSectors < p.writeSectors) continue;
    // /proc/diskstats counts 512-byte sectors whatever the device's own sector size.
    const r = ((c.readSectors - p.readSectors) * 512) / dt;
    const w = ((c.writeSectors - p.writeSectors) * 512) / dt;
    put(seriesKey('disk.readBps', name), r);
    put(seriesKey('disk.writeBps', name), w);
    put(seriesKey('disk.readOps', name), Math.max(0, c.reads - p.reads) / dt);
    put(seriesKey('disk.writeOps', name), Math.max(0, c.writes - p.writes) / dt);
    put(seriesKey('disk.busyPercent', name), Math.min(100, (Math.max(0, c.ioMs - p.ioMs) / (dt * 1000)) * 100));
    // Device-mapper and md devices sit on top of disks already counted.
    if (!/^(dm-|md)/.test(name)) {
      read += r;
      write += w;
    }
  }
  put('disk.readBps', read);
  put('disk.writeBps', write);
}
