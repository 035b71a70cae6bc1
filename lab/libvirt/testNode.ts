import { chmodSync, writeFileSync } from 'node:fs';

/** One domain of the lab's test-driver node, as the generator wrote it (what a discovery must find). */
export interface LabDomain {
  name: string;
  uuid: string;
  state: 'running' | 'paused' | 'shutoff';
  vcpus: number;
  memoryMiB: number;
  currentMemoryMiB: number;
  macs: string[];
  disks: { target: string; source: string; bus: string }[];
  /** Present on running domains that have VNC graphics. */
  vncPort: number | null;
  vncPassword: boolean;
  spice: boolean;
  /** Physical CPUs pinned per vCPU (empty when the domain is not pinned). */
  vcpupin: string[];
  emulatorpin: string | null;
  numaNodeset: string | null;
  /** Hostile domains carry a description built to confuse a parser: markup, entities, fake output markers. */
  description: string | null;
}

/** libvirt accepts all of these as domain names (it only refuses `/` and newlines): every one is a shell-injection test case. */
export const HOSTILE_NAMES = ['x;touch lv-pwned', '$(id)', 'it\'s "quoted"', 'two  spaces', '`uname`&&|<>*?'];

const RUNSTATE = { running: 1, paused: 3, shutoff: 5 } as const;

/** `node` tells apart the domains of different lab nodes (nested hypervisors), which share names. */
export function labUuid(n: number, node = 0): string {
  return `5a1ab${node.toString(16).padStart(3, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function labMac(n: number, nic = 0, node = 0): string {
  const hex = (x: number) => x.toString(16).padStart(2, '0');
  return `52:54:${hex(node)}:1a:${hex(nic)}:${hex(n)}`;
}

function xmlEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function labDomain(n: number, name: string, vncBase: number, node: number): LabDomain {
  const state = n % 7 === 3 ? 'paused' : n % 3 === 0 ? 'shutoff' : 'running';
  const vcpus = 1 + (n % 4);
  const memoryMiB = 512 * (1 + (n % 4));
  const pinned = n % 5 === 1;
  const disks = [{ target: 'vda', source: `/var/lib/libvirt/images/vm${n}.qcow2`, bus: 'virtio' }];
  if (n % 4 === 2) disks.push({ target: 'vdb', source: `/var/lib/libvirt/images/vm${n}-data.qcow2`, bus: 'virtio' });
  return {
    name,
    uuid: labUuid(n, node),
    state,
    vcpus,
    memoryMiB,
    currentMemoryMiB: n % 6 === 0 ? memoryMiB / 2 : memoryMiB,
    macs: n % 4 === 0 ? [labMac(n, 0, node), labMac(n, 1, node)] : [labMac(n, 0, node)],
    disks,
    vncPort: n % 10 === 9 ? null : vncBase + n,
    vncPassword: n % 8 === 5,
    spice: n % 10 === 9,
    // Pinned domains share NUMA node 0's CPUs 0-3, so some running pairs overlap (overcommit flagging).
    vcpupin: pinned ? Array.from({ length: vcpus }, (_, i) => String((n + i) % 4)) : [],
    emulatorpin: pinned ? '4-5' : null,
    numaNodeset: pinned ? '0' : null,
    description: null,
  };
}

/** Lines a naive reader of batched virsh output could take for its own markers, plus XML that must stay text. */
const HOSTILE_DESCRIPTION = '\n@@labvisor-0000000000000000 end\n</domain><domain>$(id)</domain> & \' " ; `id`\n';

function domainXml(d: LabDomain): string {
  const cputune = d.vcpupin.length
    ? `<cputune>${d.vcpupin.map((cpus, i) => `<vcpupin vcpu='${i}' cpuset='${cpus}'/>`).join('')}` +
      `<emulatorpin cpuset='${d.emulatorpin}'/></cputune><numatune><memory mode='strict' nodeset='${d.numaNodeset}'/></numatune>`
    : '';
  const disks = d.disks
    .map(
      (k) =>
        `<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='${k.source}'/>` +
        `<target dev='${k.target}' bus='${k.bus}'/></disk>`,
    )
    .join('');
  const nics = d.macs
    .map((mac, i) =>
      i === 0
        ? `<interface type='network'><mac address='${mac}'/><source network='default'/><model type='virtio'/></interface>`
        : `<interface type='bridge'><mac address='${mac}'/><source bridge='br-data'/><model type='e1000'/></interface>`,
    )
    .join('');
  const graphics = d.spice
    ? `<graphics type='spice' port='${5900 + 1000}' autoport='no' listen='127.0.0.1'/>`
    : d.vncPort !== null
      ? `<graphics type='vnc' port='${d.vncPort}' autoport='no' listen='127.0.0.1'${d.vncPassword ? " passwd='lab-vnc-secret'" : ''}/>`
      : '';
  return [
    `<domain type='test'><name>${xmlEscape(d.name)}</name><uuid>${d.uuid}</uuid>`,
    d.description === null ? '' : `<description>${xmlEscape(d.description)}</description>`,
    `<memory unit='MiB'>${d.memoryMiB}</memory><currentMemory unit='MiB'>${d.currentMemoryMiB}</currentMemory>`,
    `<vcpu placement='static'>${d.vcpus}</vcpu>${cputune}`,
    `<os><type arch='x86_64'>hvm</type></os><devices>${disks}${nics}${graphics}`,
    `<serial type='pty'><target port='0'/></serial><console type='pty'><target type='serial' port='0'/></console>`,
    `</devices><testdriver:runstate xmlns:testdriver='http://libvirt.org/schemas/domain/test/1.0'>`,
    `${RUNSTATE[d.state]}</testdriver:runstate></domain>`,
  ].join('');
}

/**
 * Writes a libvirt test-driver node (`virsh -c test:///FILE`): a 2-socket, 2-NUMA-node, 56-thread, 256 GiB host
 * with `count` domains in mixed states, VNC ports (one SPICE in ten, some with a VNC password), fixed UUIDs and
 * MACs, pinned vCPUs + emulatorpin + numatune on every fifth domain, one or two disks and NICs, a serial console.
 * `hostile` renames the first domains to HOSTILE_NAMES; `node` (0-4095) gives another node's domains their own
 * UUIDs and MACs. The test driver keeps state per connection only: changes
 * last for one `virsh` invocation. The file is world-readable, for the lab SSH user.
 */
export function writeTestNode(
  file: string,
  opts: { count?: number; hostile?: boolean; vncBase?: number; node?: number } = {},
): { uri: string; domains: LabDomain[] } {
  const count = opts.count ?? 60;
  const domains = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const hostile = opts.hostile && i < HOSTILE_NAMES.length;
    const name = hostile ? HOSTILE_NAMES[i]! : `vm${String(n).padStart(2, '0')}`;
    const domain = labDomain(n, name, opts.vncBase ?? 5900, opts.node ?? 0);
    return hostile ? { ...domain, description: HOSTILE_DESCRIPTION } : domain;
  });
  const xml = [
    '<node>',
    '<cpu><mhz>2400</mhz><model>x86_64</model><nodes>2</nodes><sockets>2</sockets><cores>14</cores><threads>2</threads></cpu>',
    '<memory>268435456</memory>',
    ...domains.map(domainXml),
    "<network><name>default</name><bridge name='virbr0'/><forward/><ip address='192.168.122.1' netmask='255.255.255.0'/></network>",
    '</node>',
    '',
  ].join('\n');
  writeFileSync(file, xml);
  chmodSync(file, 0o644);
  return { uri: `test://${file}`, domains };
}
