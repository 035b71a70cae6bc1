import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VmList } from '../../../common/contract/virt';
import { defineIdleDomain, ensureLibvirtd, waitForDomState, type IdleDomain } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// Per-NUMA-node capacity and placement against the real libvirtd, read by the lab user over a real sshd. The
// judge is root's own `virsh capabilities` / `virsh freecell`, read here with regular expressions (not with the
// parser under test). Two idle domains pin both their vCPUs to node 0's CPUs and bind 60 % of node 0's memory
// each with numatune: node 0 is then overcommitted in CPUs and in memory (reserved, never touched: they sit in
// the firmware).
const run = promisify(execFile);
const rootVirsh = async (...args: string[]) =>
  (await run('virsh', ['-q', '-c', 'qemu:///system', ...args], { timeout: 120_000 })).stdout;
let dir: string;
let ssh: LabSsh;
let s: AppServices;
let vms: IdleDomain[] = [];
let judge: { id: number; cpus: number[]; memoryMiB: number }[];
let boundBefore = 0;

beforeAll(async () => {
  ensureLibvirtd();
  const caps = await rootVirsh('capabilities');
  judge = [...caps.matchAll(/<cell id='(\d+)'>([\s\S]*?)<\/cell>/g)].map((m) => ({
    id: Number(m[1]),
    cpus: [...m[2]!.matchAll(/<cpu id='(\d+)'/g)].map((c) => Number(c[1])),
    memoryMiB: Number(/<memory unit='KiB'>(\d+)<\/memory>/.exec(m[2]!)![1]) / 1024,
  }));
  if (!judge.length) throw new Error('libvirtd reports no NUMA topology on this machine: the test cannot judge');
  const node0 = judge[0]!;
  dir = mkdtempSync(join(tmpdir(), 'labvisor-numa-'));
  chmodSync(dir, 0o755);
  const pins = [0, 1].map((v) => `<vcpupin vcpu='${v}' cpuset='${node0.cpus[v % node0.cpus.length]}'/>`).join('');
  const tuning = `<cputune>${pins}</cputune><numatune><memory mode='strict' nodeset='${node0.id}'/></numatune>`;
  const memoryMiB = Math.ceil((node0.memoryMiB * 0.6) / 1024) * 1024;
  vms = await Promise.all([0, 1].map(() => defineIdleDomain(dir, 'lvnuma', { vcpus: 2, memoryMiB, tuning })));
  for (const vm of vms) await rootVirsh('start', vm.uuid);
  for (const vm of vms) await waitForDomState(vm.uuid, 'running', 60_000);
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  s = sshTestServices();
  const kvm = addSshHost(s, 'kvm1', '127.0.0.1', ssh.sshd.port, { user: ssh.user, identityFile: ssh.keys.ed25519 });
  await trustPresentedKey(s, kvm.id);
  const r = await s.dispatch('virt.discover', { host: 'kvm1', uri: 'qemu:///system' }, { door: 'cli' });
  if (!r.ok) throw new Error(r.message);
}, 240_000);

afterAll(async () => {
  await Promise.all(vms.map((vm) => vm.remove()));
  await s?.close();
  await ssh?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('NUMA capacity and placement (real libvirtd)', () => {
  it('reads each node as root virsh sees it and flags the node both domains are bound to', async () => {
    const r = await s.dispatch('virt.list', { host: 'kvm1' }, { door: 'cli' });
    if (!r.ok) throw new Error(r.message);
    const list = r.value as VmList;
    expect(list.node.cells.map((c) => ({ id: c.id, cpus: c.cpus, memoryMiB: Math.round(c.memoryMiB) }))).toEqual(
      judge.map((c) => ({ ...c, memoryMiB: Math.round(c.memoryMiB) })),
    );
    const free = await rootVirsh('freecell', '--all');
    for (const c of list.node.cells) {
      const kib = Number(new RegExp(`^\\s*${c.id}:\\s+(\\d+) KiB`, 'm').exec(free)![1]);
      // Free memory moves while other test runs work; the same order of magnitude is what can be asked.
      expect(c.freeMiB).not.toBeNull();
      expect(Math.abs(c.freeMiB! - kib / 1024)).toBeLessThan(Math.max(512, (kib / 1024) * 0.2));
    }
    const node0 = list.overcommit.numaNodes.find((n) => n.node === judge[0]!.id)!;
    expect(node0.cpus).toBe(judge[0]!.cpus.length);
    // Other engineers' guests on the shared daemon may add to node 0, never take away.
    expect(node0.vcpus).toBeGreaterThanOrEqual(4);
    const ours = vms.map((vm) => list.domains.find((d) => d.uuid === vm.uuid)!);
    expect(node0.boundMemoryMiB).toBeGreaterThanOrEqual(ours.reduce((sum, d) => sum + d.currentMemoryMiB, 0));
    expect(node0.overcommitted).toEqual({ cpu: true, memory: true });
    expect(node0.memoryRatio).toBeGreaterThan(1);
    boundBefore = node0.boundMemoryMiB;
  }, 120_000);

  it('stops flagging memory once one of the two is shut off', async () => {
    await rootVirsh('destroy', vms[1]!.uuid);
    const r = await s.dispatch('virt.list', { host: 'kvm1' }, { door: 'cli' });
    if (!r.ok) throw new Error(r.message);
    const list = r.value as VmList;
    const node0 = list.overcommit.numaNodes.find((n) => n.node === judge[0]!.id)!;
    const released = list.domains.find((d) => d.uuid === vms[1]!.uuid)!.currentMemoryMiB;
    expect(boundBefore - node0.boundMemoryMiB).toBeCloseTo(released, 0);
    // 60 % of the node is bound now (plus whatever others bind): flagged only if that is more than the node has.
    expect(node0.overcommitted.memory).toBe(node0.boundMemoryMiB > node0.memoryMiB);
    expect(node0.boundMemoryMiB).toBeLessThan(boundBefore);
  }, 120_000);
});
