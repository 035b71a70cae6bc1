import type { HostLatest, Reachability } from '../../../common/contract/metrics';
import type { Host } from '../../../common/domain/host';
import { splitKey } from './hostValues';

interface Family {
  metric: string;
  help: string;
  /** The series key's label becomes this Prometheus label. */
  label?: string;
  /** Fixed labels this key adds (cpu mode, pressure resource). */
  fixed?: Record<string, string>;
}

/** Stable names (docs/metrics.md): a key not in this table is not exported. */
const FAMILIES: Record<string, Family> = {
  'cpu.percent': { metric: 'labvisor_host_cpu_busy_percent', help: 'CPU busy (not idle, not iowait), % of all CPUs' },
  'cpu.user': mode('user'),
  'cpu.system': mode('system'),
  'cpu.iowait': mode('iowait'),
  'cpu.steal': mode('steal'),
  'cpu.count': { metric: 'labvisor_host_cpus', help: 'Online CPUs' },
  'load.1': { metric: 'labvisor_host_load1', help: '1-minute load average' },
  'load.5': { metric: 'labvisor_host_load5', help: '5-minute load average' },
  'load.15': { metric: 'labvisor_host_load15', help: '15-minute load average' },
  'mem.totalBytes': { metric: 'labvisor_host_memory_total_bytes', help: 'MemTotal' },
  'mem.availableBytes': { metric: 'labvisor_host_memory_available_bytes', help: 'MemAvailable' },
  'mem.usedBytes': { metric: 'labvisor_host_memory_used_bytes', help: 'MemTotal - MemAvailable' },
  'mem.percent': { metric: 'labvisor_host_memory_used_percent', help: 'Memory used, % of MemTotal' },
  'swap.totalBytes': { metric: 'labvisor_host_swap_total_bytes', help: 'SwapTotal' },
  'swap.usedBytes': { metric: 'labvisor_host_swap_used_bytes', help: 'SwapTotal - SwapFree' },
  'uptime.seconds': { metric: 'labvisor_host_uptime_seconds', help: 'Seconds since boot' },
  'net.rxBps': dev('labvisor_host_network_receive_bytes_per_second', 'Bytes received per second', 'device'),
  'net.txBps': dev('labvisor_host_network_transmit_bytes_per_second', 'Bytes sent per second', 'device'),
  'disk.readBps': dev('labvisor_host_disk_read_bytes_per_second', 'Bytes read per second', 'device'),
  'disk.writeBps': dev('labvisor_host_disk_written_bytes_per_second', 'Bytes written per second', 'device'),
  'disk.readOps': dev('labvisor_host_disk_reads_per_second', 'Reads completed per second', 'device'),
  'disk.writeOps': dev('labvisor_host_disk_writes_per_second', 'Writes completed per second', 'device'),
  'disk.busyPercent': dev('labvisor_host_disk_busy_percent', 'Time the device was busy, %', 'device'),
  'fs.sizeBytes': dev('labvisor_host_filesystem_size_bytes', 'Filesystem size', 'mountpoint'),
  'fs.usedBytes': dev('labvisor_host_filesystem_used_bytes', 'Filesystem space used', 'mountpoint'),
  'fs.usedPercent': dev('labvisor_host_filesystem_used_percent', 'Used, % of used + available (as df)', 'mountpoint'),
  'psi.cpu.some': psi('cpu', 'some'),
  'psi.memory.some': psi('memory', 'some'),
  'psi.memory.full': psi('memory', 'full'),
  'psi.io.some': psi('io', 'some'),
  'psi.io.full': psi('io', 'full'),
  'vm.state': { metric: 'labvisor_vm_state', help: 'libvirt domain state (1 running, 3 paused, 5 shut off, ...)' },
  'vm.vcpus': { metric: 'labvisor_vm_vcpus', help: 'Current vCPUs' },
  'vm.cpuPercentVcpus': { metric: 'labvisor_vm_cpu_percent_of_vcpus', help: 'CPU used, % of its own vCPUs' },
  'vm.cpuPercentHost': { metric: 'labvisor_vm_cpu_percent_of_host', help: "CPU used, % of the hypervisor's CPUs" },
  'vm.memBytes': { metric: 'labvisor_vm_memory_bytes', help: 'Balloon current memory' },
  'vm.memRssBytes': { metric: 'labvisor_vm_memory_rss_bytes', help: 'Resident memory of the domain process' },
  'vm.diskReadBps': { metric: 'labvisor_vm_disk_read_bytes_per_second', help: 'Bytes read per second, all disks' },
  'vm.diskWriteBps': { metric: 'labvisor_vm_disk_written_bytes_per_second', help: 'Bytes written per second' },
  'vm.diskReadOps': { metric: 'labvisor_vm_disk_reads_per_second', help: 'Read requests per second' },
  'vm.diskWriteOps': { metric: 'labvisor_vm_disk_writes_per_second', help: 'Write requests per second' },
  'vm.netRxBps': { metric: 'labvisor_vm_network_receive_bytes_per_second', help: 'Bytes received per second' },
  'vm.netTxBps': { metric: 'labvisor_vm_network_transmit_bytes_per_second', help: 'Bytes sent per second' },
};

function mode(m: string): Family {
  return { metric: 'labvisor_host_cpu_mode_percent', help: 'CPU time by mode, % of all CPUs', fixed: { mode: m } };
}
function dev(metric: string, help: string, label: string): Family {
  return { metric, help, label };
}
function psi(resource: string, kind: string): Family {
  return {
    metric: 'labvisor_host_pressure_percent',
    help: 'Pressure stall: % of time tasks waited',
    fixed: { resource, kind },
  };
}

/** Label values are escaped as the text format requires: backslash, double quote and newline. */
function escapeLabel(value: string): string {
  return value.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n');
}

const labelText = (labels: Record<string, string>) =>
  '{' +
  Object.entries(labels)
    .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
    .join(',') +
  '}';

const numberText = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

export interface ExportHost {
  host: Host;
  parent: Host | null;
  latest: HostLatest;
  reachability: Reachability;
}

/**
 * Everything Labvisor collects, in the Prometheus text exposition format (0.0.4). Samples older than `staleMs`
 * are left out, so a scraper sees a gap rather than a frozen value.
 */
export function prometheusText(hosts: ExportHost[], nowMs: number, staleMs: number): string {
  const lines = new Map<string, { help: string; samples: string[] }>();
  const add = (metric: string, help: string, labels: Record<string, string>, value: number) => {
    let family = lines.get(metric);
    if (!family) lines.set(metric, (family = { help, samples: [] }));
    family.samples.push(`${metric}${labelText(labels)} ${numberText(value)}`);
  };
  for (const { host, parent, latest, reachability } of hosts) {
    const base: Record<string, string> = { host: host.name, cluster: host.cluster ?? '' };
    if (reachability.state !== 'unknown')
      add('labvisor_host_up', 'Reachable over SSH (1) or not (0)', base, reachability.state === 'up' ? 1 : 0);
    if (latest.at === null || nowMs - latest.at > staleMs) continue;
    add('labvisor_last_sample_timestamp_seconds', 'When the latest sample arrived', base, latest.at / 1000);
    for (const [key, value] of Object.entries(latest.values)) {
      const { name, label } = splitKey(key);
      const family = FAMILIES[name];
      if (!family) continue;
      const labels = { ...base, ...family.fixed };
      if (name.startsWith('vm.')) {
        // A VM in the inventory carries its own name; a domain only known to its hypervisor is labelled by it.
        labels.hypervisor = label === null ? (parent?.name ?? '') : host.name;
        labels.vm = label ?? host.hypervisor?.domainName ?? host.name;
      } else if (family.label) {
        if (label === null) continue;
        labels[family.label] = label;
      } else if (label !== null) continue;
      add(family.metric, family.help, labels, value);
    }
  }
  let out = '';
  for (const [metric, family] of lines) {
    out += `# HELP ${metric} ${family.help}\n# TYPE ${metric} gauge\n`;
    out += family.samples.join('\n') + '\n';
  }
  return out;
}
