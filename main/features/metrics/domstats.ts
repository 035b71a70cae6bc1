import { isLabel } from './hostCounters';

/** One domain's `virsh domstats` fields that are numbers, by field name (`cpu.time`, `block.0.rd.bytes`, ...). */
export type DomainStats = Map<string, number>;

/** A hypervisor with more domains than this is refused beyond it (bounded series). */
const MAX_DOMAINS = 1000;

/** Parses `virsh domstats` output: `Domain: 'name'` headers, then `  field=value` lines. */
export function parseDomstats(lines: string[] | undefined): Map<string, DomainStats> {
  const domains = new Map<string, DomainStats>();
  let current: DomainStats | null = null;
  for (const line of lines ?? []) {
    const header = /^Domain: '(.*)'$/.exec(line.trim());
    if (header) {
      const name = header[1]!;
      current = isLabel(name) && domains.size < MAX_DOMAINS ? new Map() : null;
      if (current) domains.set(name, current);
      continue;
    }
    const m = /^\s+([a-z0-9_.-]+)=(-?\d+(?:\.\d+)?)$/i.exec(line);
    if (current && m) current.set(m[1]!, Number(m[2]));
  }
  return domains;
}

const sum = (stats: DomainStats, kind: 'block' | 'net', field: string): number => {
  let total = 0;
  const count = stats.get(`${kind}.count`) ?? 0;
  for (let i = 0; i < count && i < 256; i++) total += stats.get(`${kind}.${i}.${field}`) ?? 0;
  return total;
};

/**
 * A domain's values: memory and state as gauges; CPU, block and network as rates against the previous tick over
 * `dtSec` (the hypervisor's uptime clock). `cpu.time` is nanoseconds of host CPU used by the whole domain; shown as
 * a share of the domain's own vCPUs and of the host's CPUs.
 */
export function domainValues(
  prev: DomainStats | undefined,
  cur: DomainStats,
  dtSec: number,
  hostCpus: number,
): Record<string, number> {
  const out: Record<string, number> = {};
  const put = (key: string, v: number | undefined) => {
    if (v !== undefined && Number.isFinite(v)) out[key] = v;
  };
  put('vm.state', cur.get('state.state'));
  const vcpus = cur.get('vcpu.current');
  put('vm.vcpus', vcpus);
  const balloon = cur.get('balloon.current');
  put('vm.memBytes', balloon === undefined ? undefined : balloon * 1024);
  const rss = cur.get('balloon.rss');
  put('vm.memRssBytes', rss === undefined ? undefined : rss * 1024);
  if (!prev || !(dtSec > 0)) return out;
  const delta = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || b < a ? undefined : (b - a) / dtSec;
  const cpuNsPerSec = delta(prev.get('cpu.time'), cur.get('cpu.time'));
  if (cpuNsPerSec !== undefined) {
    if (vcpus) put('vm.cpuPercentVcpus', Math.min(100, cpuNsPerSec / 1e7 / vcpus));
    if (hostCpus > 0) put('vm.cpuPercentHost', Math.min(100, cpuNsPerSec / 1e7 / hostCpus));
  }
  const rate = (kind: 'block' | 'net', field: string) => {
    const a = sum(prev, kind, field);
    const b = sum(cur, kind, field);
    return b >= a ? (b - a) / dtSec : undefined;
  };
  put('vm.diskReadBps', rate('block', 'rd.bytes'));
  put('vm.diskWriteBps', rate('block', 'wr.bytes'));
  put('vm.diskReadOps', rate('block', 'rd.reqs'));
  put('vm.diskWriteOps', rate('block', 'wr.reqs'));
  put('vm.netRxBps', rate('net', 'rx.bytes'));
  put('vm.netTxBps', rate('net', 'tx.bytes'));
  return out;
}

/**
 * A VM's memory sparkline when only its hypervisor sees it: the share of its current (balloon) memory resident
 * on the host. The guest's own `mem.percent`, when Labvisor samples the guest too, wins.
 */
export function vmMemPercent(values: Record<string, number>): number | undefined {
  const rss = values['vm.memRssBytes'];
  const current = values['vm.memBytes'];
  if (rss === undefined || !current) return undefined;
  return Math.min(100, (rss / current) * 100);
}
