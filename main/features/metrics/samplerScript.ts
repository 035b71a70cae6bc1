import { MEMINFO_FIELDS, SKIP_DISK_PREFIXES, VIRTUAL_NET_PREFIXES } from './hostCounters';

/** Marks the start and end of one snapshot in the sampler's output. */
export const SNAPSHOT_BEGIN = '@@LABVISOR-SNAPSHOT';
export const SNAPSHOT_END = '@@LABVISOR-END';

/**
 * What each tick sends of /proc: only the lines the parser uses (hostCounters.ts), chosen on the host with the
 * shell's own `case` so no process is started for it. A line is kept when it matches `keep` (if given) and not
 * `drop` (if given), `drop` being matched against the line without its leading blanks when `trim` is set; reading
 * stops after a line matching `last`. The section keeps the `==> file <==` shape `head` prints, so the parser
 * reads either. dash's `read` takes one byte per system call, so what is never needed is better never read.
 */
interface ProcSection {
  file: string;
  keep?: string;
  drop?: string;
  trim?: boolean;
  last?: string;
}

/** `case` alternatives for a whole field `prefix` followed by 1–3 digits, between spaces (a device in diskstats). */
const numberedDevices = (prefixes: string[]) =>
  prefixes.flatMap((p) => [1, 2, 3].map((digits) => `*' '${p}${'[0-9]'.repeat(digits)}' '*`)).join('|');

const PROC_SECTIONS: ProcSection[] = [
  { file: '/proc/uptime' },
  // /proc/stat is read by statSection(): its cpu lines only.
  // The kernel prints SwapFree after every other field used (MemTotal first): the ~40 lines after it are not read.
  { file: '/proc/meminfo', keep: MEMINFO_FIELDS.map((f) => `${f}:*`).join('|'), last: 'SwapFree:*' },
  { file: '/proc/loadavg' },
  // The two header lines, and virtual links (a container host's veth crowd), which no value uses.
  { file: '/proc/net/dev', trim: true, drop: [`*'|'*`, ...VIRTUAL_NET_PREFIXES.map((p) => `${p}*`)].join('|') },
  { file: '/proc/diskstats', drop: numberedDevices(SKIP_DISK_PREFIXES) },
  { file: '/proc/pressure/cpu' },
  { file: '/proc/pressure/memory' },
  { file: '/proc/pressure/io' },
];

/** Appends one file's section to `s` with builtins only (`read`, `case`): no `head` or `awk` per tick. */
function readSection({ file, keep, drop, trim, last }: ProcSection): string {
  const add = 's=$s$l$nl';
  const subject = trim ? '${l#"${l%%[! ]*}"}' : '$l';
  const body = keep
    ? `case ${subject} in ${keep}) ${add};; esac`
    : drop
      ? `case ${subject} in ${drop}) ;; *) ${add};; esac`
      : add;
  const stop = last ? `; case $l in ${last}) break;; esac` : '';
  return `if [ -r ${file} ]; then s="$s==> ${file} <==$nl"; while IFS= read -r l || [ -n "$l" ]; do ${body}${stop}; done < ${file}; fi`;
}

/**
 * The cpu lines of /proc/stat, which come first. The line after them (intr: a counter per interrupt, kilobytes on
 * a big host) would be read whole to see it is not one, so only as many lines as the last full read found are
 * read; a full read (every `full` ticks, and the first) follows CPUs brought on or off line.
 */
function statSection(): string {
  return [
    'if [ -r /proc/stat ]; then s="$s==> /proc/stat <==$nl"; i=0',
    'while { [ $f = 1 ] || [ $i -lt $c ]; } && IFS= read -r l; do case $l in cpu*) s=$s$l$nl; i=$((i+1));; *) break;; esac; done < /proc/stat',
    'c=$i; fi',
  ].join('; ');
}

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
 * of the /proc lines the values use (each file under a `==> file <==` header, as `head` prints them), filesystems
 * every ~30 s, and `virsh domstats` on hypervisors. The /proc part is read by the shell itself: the only process
 * started per tick is `sleep` (and `virsh` on hypervisors). Nothing from the inventory is interpolated: the interval is an integer and the
 * libvirt URI one of a fixed set. `df -l` keeps a hung network mount from stalling the loop.
 */
export function samplerScript(opts: SamplerScriptOptions): string {
  const interval = Math.trunc(opts.intervalSec);
  if (!Number.isInteger(interval) || interval < 1 || interval > 3600) throw new Error(`bad interval ${interval}`);
  const dfEvery = Math.max(1, Math.round(30 / interval));
  const virsh = opts.domstats
    ? `s="$s==> domstats <==$nl$(virsh -r -c ${libvirtUriFor(opts.domstats.uri)} domstats --nowait 2>&1)$nl"`
    : '';
  return [
    "LANG=C; export LANG; n=0; c=0; nl='",
    "'",
    'while :; do',
    // Gathered first and printed with one printf: one write, so one SSH packet per snapshot instead of one per file.
    `s=''; f=0; [ $((n % ${dfEvery})) -eq 0 ] && f=1`,
    readSection(PROC_SECTIONS[0]!),
    statSection(),
    ...PROC_SECTIONS.slice(1).map(readSection),
    `if [ $f = 1 ]; then s="$s==> df <==$nl$(df -Pk -l 2>/dev/null || df -Pk 2>/dev/null)$nl"; fi`,
    virsh,
    `printf '%s\\n%s%s\\n' '${SNAPSHOT_BEGIN}' "$s" '${SNAPSHOT_END}' || exit 0`,
    'n=$((n+1))',
    `sleep ${interval} || exit 0`,
    'done',
  ]
    .filter(Boolean)
    .join('\n');
}
