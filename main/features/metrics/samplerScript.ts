/** Marks the start and end of one snapshot in the sampler's output. */
export const SNAPSHOT_BEGIN = '@@LABVISOR-SNAPSHOT';
export const SNAPSHOT_END = '@@LABVISOR-END';

const PROC_FILES = [
  '/proc/uptime',
  '/proc/stat',
  '/proc/meminfo',
  '/proc/loadavg',
  '/proc/net/dev',
  '/proc/diskstats',
  '/proc/pressure/cpu',
  '/proc/pressure/memory',
  '/proc/pressure/io',
];

/** Local libvirt URIs the sampler may pass to virsh on the hypervisor; anything else falls back to the default. */
const LOCAL_LIBVIRT_URI = /^(qemu|lxc|xen|ch)(\+unix)?:\/\/\/(system|session)$/;

export interface SamplerScriptOptions {
  intervalSec: number;
  /** Also take `virsh domstats` each tick (the host is a hypervisor of inventory VMs). */
  domstats?: { uri: string | null } | null;
}

function libvirtUriFor(uri: string | null): string {
  return uri && LOCAL_LIBVIRT_URI.test(uri) ? uri : 'qemu:///system';
}

/**
 * The one long-lived POSIX sh loop run per host on its pooled SSH connection: every interval it prints a snapshot
 * of /proc (one `head` for every file, which prints `==> file <==` before each), filesystems every ~30 s, and
 * `virsh domstats` on hypervisors. Nothing from the inventory is interpolated: the interval is an integer and the
 * libvirt URI one of a fixed set. `df -l` keeps a hung network mount from stalling the loop.
 */
export function samplerScript(opts: SamplerScriptOptions): string {
  const interval = Math.trunc(opts.intervalSec);
  if (!Number.isInteger(interval) || interval < 1 || interval > 3600) throw new Error(`bad interval ${interval}`);
  const dfEvery = Math.max(1, Math.round(30 / interval));
  const virsh = opts.domstats
    ? `echo '==> domstats <=='; virsh -r -c ${libvirtUriFor(opts.domstats.uri)} domstats --nowait 2>&1;`
    : '';
  return [
    'LANG=C; export LANG; n=0',
    'while :; do',
    // Gathered first and printed with one printf: one write, so one SSH packet per snapshot instead of one per file.
    's=$(',
    `head -n 100000 ${PROC_FILES.join(' ')} 2>/dev/null`,
    `if [ $((n % ${dfEvery})) -eq 0 ]; then echo '==> df <=='; df -Pk -l 2>/dev/null || df -Pk 2>/dev/null; fi`,
    virsh,
    ')',
    `printf '%s\\n%s\\n%s\\n' '${SNAPSHOT_BEGIN}' "$s" '${SNAPSHOT_END}' || exit 0`,
    'n=$((n+1))',
    `sleep ${interval} || exit 0`,
    'done',
  ]
    .filter(Boolean)
    .join('\n');
}
