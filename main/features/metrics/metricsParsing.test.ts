import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { domainValues, parseDomstats, vmMemPercent } from './domstats';
import { parseHostCounters, VIRTUAL_NET } from './hostCounters';
import { hostValues } from './hostValues';
import { samplerScript, SNAPSHOT_BEGIN, SNAPSHOT_END } from './samplerScript';
import { SnapshotStream, type Sections } from './snapshotStream';

const snapshot = (uptime: number, cpu: number[], lo: [number, number], sda: number[]) =>
  [
    'Last login: banner noise',
    SNAPSHOT_BEGIN,
    '==> /proc/uptime <==',
    `${uptime} 1000.00`,
    '',
    '==> /proc/stat <==',
    `cpu  ${cpu.join(' ')} 0 0`,
    'cpu0 1 1 1 1 1 1 1 1 0 0',
    'cpu1 1 1 1 1 1 1 1 1 0 0',
    'ctxt 12345',
    '',
    '==> /proc/meminfo <==',
    'MemTotal:        8000000 kB',
    'MemFree:         1000000 kB',
    'MemAvailable:    6000000 kB',
    'SwapTotal:       1000000 kB',
    'SwapFree:         250000 kB',
    'HugePages_Total:       0',
    '',
    '==> /proc/loadavg <==',
    '0.50 0.25 0.10 1/234 5678',
    '',
    '==> /proc/net/dev <==',
    'Inter-|   Receive                                                |  Transmit',
    ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
    `    lo: ${lo[0]} 10 0 0 0 0 0 0 ${lo[1]} 10 0 0 0 0 0 0`,
    '  eth0: 5000 10 0 0 0 0 0 0 6000 10 0 0 0 0 0 0',
    ' veth1a2b: 999999 10 0 0 0 0 0 0 999999 10 0 0 0 0 0 0',
    '',
    '==> /proc/diskstats <==',
    `   8       0 sda ${sda.join(' ')}`,
    '   8       1 sda1 1 0 8 0 1 0 8 0 0 0 0 0 0 0 0 0 0',
    '   7       0 loop0 1 0 8 0 1 0 8 0 0 0 0 0 0 0 0 0 0',
    '',
    '==> /proc/pressure/cpu <==',
    `some avg10=0.00 avg60=0.00 avg300=0.00 total=${uptime * 100_000}`,
    '',
    '==> df <==',
    'Filesystem     1024-blocks    Used Available Capacity Mounted on',
    '/dev/sda1         1000000  250000    750000      25% /',
    'tmpfs              100000       0    100000       0% /run',
    '/dev/sdb1         1000000  500000    500000      50% /mnt/with space',
    SNAPSHOT_END,
  ].join('\n') + '\n';

function parseAll(text: string, chunkSize: number): Sections[] {
  const out: Sections[] = [];
  const stream = new SnapshotStream((s) => out.push(s));
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += chunkSize) stream.push(bytes.subarray(i, i + chunkSize));
  return out;
}

describe('snapshot parsing', () => {
  it('keeps the next snapshot whole when one chunk ends a snapshot and cuts the next one mid-line', () => {
    const a = snapshot(100, [100, 0, 50, 800, 50, 0, 0, 0], [1000, 2000], [10, 0, 100, 0, 20, 0, 200, 0, 0, 30, 0]);
    const b = snapshot(101, [150, 0, 60, 900, 50, 0, 0, 0], [3000, 4000], [20, 0, 200, 0, 40, 0, 400, 0, 0, 60, 0]);
    const alone = parseAll(b, 100_000)[0]!;
    // Every cut inside b: the part of b in the first chunk ends with a partial line (a header, say).
    for (let cut = 1; cut < b.length; cut += 7) {
      const out: Sections[] = [];
      const stream = new SnapshotStream((s) => out.push(s));
      stream.push(new TextEncoder().encode(a + b.slice(0, cut)));
      stream.push(new TextEncoder().encode(b.slice(cut)));
      expect(out).toHaveLength(2);
      expect(out[1]).toEqual(alone);
    }
  });

  it('reassembles snapshots from chunks cut anywhere, even inside a UTF-8 character', () => {
    const text = snapshot(100, [100, 0, 50, 800, 50, 0, 0, 0], [1000, 2000], [10, 0, 100, 0, 20, 0, 200, 0, 0, 30, 0]);
    for (const size of [1, 3, 7, 64, 100_000]) {
      const sections = parseAll(text + '==> ünïcode <==\n' + text, size);
      expect(sections).toHaveLength(2);
      expect(sections[0]!.get('/proc/loadavg')).toEqual(['0.50 0.25 0.10 1/234 5678']);
    }
  });

  it('turns two snapshots into gauges and rates over the host uptime clock', () => {
    const [a, b] = parseAll(
      snapshot(100, [100, 0, 50, 800, 50, 0, 0, 0], [1000, 2000], [10, 0, 100, 0, 20, 0, 200, 0, 0, 30, 0]) +
        snapshot(102, [200, 0, 150, 1400, 50, 0, 0, 0], [5000, 2000], [20, 0, 1124, 0, 30, 0, 2248, 0, 0, 1030, 0]),
      4096,
    ).map(parseHostCounters);
    const first = hostValues(null, a!);
    expect(first['cpu.percent']).toBeUndefined();
    expect(first['mem.totalBytes']).toBe(8_000_000 * 1024);
    const v = hostValues(a!, b!);
    // 800 jiffies elapsed, 200 of them busy.
    expect(v['cpu.percent']).toBeCloseTo(25);
    expect(v['cpu.user']).toBeCloseTo(12.5);
    expect(v['mem.usedBytes']).toBe(2_000_000 * 1024);
    expect(v['mem.percent']).toBeCloseTo(25);
    expect(v['swap.usedBytes']).toBe(750_000 * 1024);
    expect(v['load.1']).toBe(0.5);
    expect(v['cpu.count']).toBe(2);
    expect(v['net.rxBps{lo}']).toBe(2000);
    expect(v['net.txBps{lo}']).toBe(0);
    // Totals leave out lo and virtual interfaces; veths get no series of their own.
    expect(v['net.rxBps']).toBe(0);
    expect(Object.keys(v).some((k) => k.includes('veth'))).toBe(false);
    expect(v['disk.readBps{sda}']).toBe((1024 * 512) / 2);
    expect(v['disk.writeOps{sda}']).toBe(5);
    expect(v['disk.busyPercent{sda}']).toBe(50);
    expect(Object.keys(v).some((k) => /sda1|loop0/.test(k))).toBe(false);
    expect(v['psi.cpu.some']).toBeCloseTo(10);
    expect(v['fs.usedPercent{/}']).toBe(25);
    expect(v['fs.usedPercent{/mnt/with space}']).toBe(50);
    expect(v['fs.usedPercent{/run}']).toBeUndefined();
  });

  it('gives no rate across a reboot or a counter reset', () => {
    const [a, b] = parseAll(
      snapshot(5000, [100, 0, 50, 800, 50, 0, 0, 0], [9000, 0], [10, 0, 100, 0, 20, 0, 200, 0, 0, 30, 0]) +
        snapshot(10, [1, 0, 1, 8, 0, 0, 0, 0], [10, 0], [1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0]),
      4096,
    ).map(parseHostCounters);
    const v = hostValues(a!, b!);
    expect(v['cpu.percent']).toBeUndefined();
    expect(v['net.rxBps{lo}']).toBeUndefined();
    expect(v['mem.totalBytes']).toBeGreaterThan(0);
  });

  it('survives hostile and malformed input (fuzz)', () => {
    const base = snapshot(100, [1, 2, 3, 4, 5, 6, 7, 8], [1, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const alphabet = [
      '\n',
      ' ',
      ':',
      '{',
      '}',
      '"',
      '==> x <==',
      SNAPSHOT_BEGIN,
      SNAPSHOT_END,
      '-1',
      'NaN',
      '\u0000',
      '9'.repeat(400),
    ];
    for (let round = 0; round < 300; round++) {
      const chars = base.split('');
      for (let i = 0; i < 20; i++)
        chars[Math.floor(rand() * chars.length)] = alphabet[Math.floor(rand() * alphabet.length)]!;
      const sections = parseAll(chars.join(''), 1 + Math.floor(rand() * 50));
      for (const s of sections) {
        const values = hostValues(parseHostCounters(s), parseHostCounters(s));
        for (const [k, v] of Object.entries(values)) {
          expect(Number.isFinite(v)).toBe(true);
          expect(k.includes('\u0000') || k.includes('\n')).toBe(false);
          expect(k.length).toBeLessThan(300);
        }
      }
    }
    // A snapshot that never ends is dropped rather than growing without bound.
    const stream = new SnapshotStream(() => expect.unreachable());
    stream.push(new TextEncoder().encode(SNAPSHOT_BEGIN + '\n'));
    const line = new TextEncoder().encode('x'.repeat(1024) + '\n');
    for (let i = 0; i < 5000; i++) stream.push(line);
    stream.push(new TextEncoder().encode(SNAPSHOT_END + '\n'));
  });
});

describe('the sampler script', () => {
  it('is valid POSIX sh for dash and prints complete snapshots', () => {
    const script = samplerScript({ intervalSec: 1, domstats: null }).replace('sleep 1 || exit 0', 'exit 0');
    const out = execFileSync('dash', ['-s'], { input: script, encoding: 'utf8' });
    const [sections] = parseAll(out, 4096);
    const c = parseHostCounters(sections!);
    expect(c.uptime).toBeGreaterThan(0);
    expect(c.cpu).not.toBeNull();
    expect(c.mem.get('MemTotal')).toBeGreaterThan(0);
    expect(c.net.has('lo')).toBe(true);
    expect(c.fs?.size).toBeGreaterThan(0);
  });

  it('sends only the lines the values use, and they read as the whole files do', () => {
    // Three ticks: the first is a full read (it also learns how many cpu lines /proc/stat has), the next two are not.
    const script = samplerScript({ intervalSec: 1, domstats: null }).replace(
      'sleep 1 || exit 0',
      '[ $n -ge 3 ] && exit 0',
    );
    const out = execFileSync('dash', ['-s'], { input: script, encoding: 'utf8' });
    const ticks = parseAll(out, 512);
    expect(ticks).toHaveLength(3);
    // The same files whole, as `head` sent them before.
    const files = ['/proc/uptime', '/proc/stat', '/proc/meminfo', '/proc/loadavg', '/proc/net/dev', '/proc/diskstats'];
    const whole: Sections = new Map(
      files.map((f) => [f, execFileSync('cat', [f], { encoding: 'utf8' }).split('\n').filter(Boolean)]),
    );
    const full = parseHostCounters(whole);
    for (const [i, sections] of ticks.entries()) {
      const c = parseHostCounters(sections);
      expect(c.cpuCount).toBe(full.cpuCount);
      expect(c.cpu).not.toBeNull();
      expect([...c.mem.keys()].sort()).toEqual([...full.mem.keys()].sort());
      expect(c.mem.get('MemTotal')).toBe(full.mem.get('MemTotal'));
      expect([...c.net.keys()]).toEqual([...full.net.keys()].filter((n) => !VIRTUAL_NET.test(n)));
      expect([...c.disk.keys()]).toEqual([...full.disk.keys()]);
      expect(c.load).not.toBeNull();
      expect(c.fs === null).toBe(i > 0);
      // Nothing the parser would skip anyway: no interrupt counters, meminfo past SwapFree, loop devices.
      expect(sections.get('/proc/stat')!.every((l) => l.startsWith('cpu'))).toBe(true);
      expect(sections.get('/proc/meminfo')!.length).toBeLessThanOrEqual(7);
      expect(sections.get('/proc/diskstats')!.some((l) => / (loop|z?ram)\d+ /.test(l))).toBe(false);
    }
  });

  it('passes only allow-listed libvirt URIs and integer intervals', () => {
    expect(samplerScript({ intervalSec: 5, domstats: { uri: 'qemu:///session' } })).toContain('-c qemu:///session');
    expect(samplerScript({ intervalSec: 5, domstats: { uri: "qemu:///system'; rm -rf /" } })).toContain(
      '-c qemu:///system domstats',
    );
    expect(() => samplerScript({ intervalSec: 0, domstats: null })).toThrow();
  });
});

// Written in the shape of `virsh domstats --nowait` for one running guest with two vCPUs (field names as libvirt
// documents them); the real-libvirtd test replaces this once the libvirt lab exists.
const DOMSTATS = (cpuTime: number, rd: number, rx: number) => `Domain: 'vm-a'
  state.state=1
  state.reason=1
  cpu.time=${cpuTime}
  cpu.user=1000000
  cpu.system=2000000
  balloon.current=524288
  balloon.maximum=524288
  balloon.rss=301234
  vcpu.current=2
  vcpu.maximum=2
  vcpu.0.state=1
  vcpu.0.time=${cpuTime / 2}
  vcpu.0.wait=0
  vcpu.1.state=1
  vcpu.1.time=${cpuTime / 2}
  net.count=1
  net.0.name=vnet0
  net.0.rx.bytes=${rx}
  net.0.rx.pkts=10
  net.0.tx.bytes=100
  net.0.tx.pkts=1
  block.count=1
  block.0.name=vda
  block.0.path=/var/lib/libvirt/images/a.qcow2
  block.0.rd.reqs=${rd / 512}
  block.0.rd.bytes=${rd}
  block.0.wr.reqs=0
  block.0.wr.bytes=0

Domain: 'vm-off'
  state.state=5
  state.reason=0
`;

describe('virsh domstats', () => {
  it('turns cpu.time into % of its vCPUs and % of the host, and block/net into rates', () => {
    const a = parseDomstats(DOMSTATS(10e9, 0, 0).split('\n'));
    const b = parseDomstats(DOMSTATS(13e9, 1_048_576, 2000).split('\n'));
    expect([...b.keys()]).toEqual(['vm-a', 'vm-off']);
    // 3 s of CPU in 2 s: 1.5 of its 2 vCPUs, 1.5 of the host's 4.
    const v = domainValues(a.get('vm-a'), b.get('vm-a')!, 2, 4);
    expect(v['vm.cpuPercentVcpus']).toBeCloseTo(75);
    expect(v['vm.cpuPercentHost']).toBeCloseTo(37.5);
    expect(v['vm.memBytes']).toBe(524288 * 1024);
    expect(v['vm.memRssBytes']).toBe(301234 * 1024);
    expect(v['vm.diskReadBps']).toBe(524288);
    expect(v['vm.netRxBps']).toBe(1000);
    expect(domainValues(undefined, b.get('vm-off')!, 2, 4)).toEqual({ 'vm.state': 5 });
    // The memory sparkline of a VM seen only by its hypervisor: resident share of its balloon memory.
    expect(vmMemPercent(v)).toBeCloseTo((301234 / 524288) * 100);
    expect(vmMemPercent({ 'vm.state': 5 })).toBeUndefined();
    expect(vmMemPercent({ 'vm.memBytes': 100, 'vm.memRssBytes': 150 })).toBe(100);
  });

  it('reads the libvirt test driver output (state only)', () => {
    const out = execFileSync('virsh', ['-c', 'test:///default', 'domstats'], { encoding: 'utf8' });
    const parsed = parseDomstats(out.split('\n'));
    expect(parsed.get('test')?.get('state.state')).toBe(1);
  });
});
