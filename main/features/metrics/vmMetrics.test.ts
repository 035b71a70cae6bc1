import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTcgGuest, ensureLibvirtd, type TcgGuest } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { BulkResult } from '../../../common/contract/power';
import type { AppServices } from '../../app/services';
import { waitFor } from '../../testing/redfishTestLab';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';
import { VM_STATE_GRACE_MS } from './alerts/alertEngine';

// VM metrics from a real libvirtd: a TCG guest burning one CPU, seen through `virsh domstats --nowait` in the
// hypervisor's sampler over SSH (as the lab user, read-only), stored under the inventory VM.
let lab: LabSsh;
let dir: string;
let s: AppServices;
let guest: TcgGuest;
let vmId: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'labvisor-vmmetrics-'));
  // qemu (its own user) opens the disk, and sshd reads authorized_keys as the lab user, through this directory.
  chmodSync(dir, 0o755);
  ensureLibvirtd();
  lab = await startLabSsh({ dir: join(dir, 'ssh') });
  guest = await defineTcgGuest(join(dir, 'guest'), { prefix: 'metrics', cmdline: 'burn' });
  await guest.virsh('start', guest.uuid);
  await guest.waitForSerial('labvm: booted', 1, 180_000);
  s = sshTestServices();
  const hv = addSshHost(s, 'hv', '127.0.0.1', lab.sshd.port, { user: lab.user, identityFile: lab.keys.ed25519 });
  await trustPresentedKey(s, hv.id);
  vmId = s.inventory.add(
    {
      ...s.inventory.get(hv.id),
      name: 'burner',
      kind: 'vm',
      layer: 1,
      parentId: hv.id,
      addresses: [],
      aliases: [],
      hypervisor: { libvirtUri: 'qemu:///system', domainName: guest.name, domainUuid: guest.uuid },
    },
    'cli',
  ).id;
  s.metrics.start();
  s.metrics.watch([hv.id], 1);
}, 300_000);

afterAll(async () => {
  await guest?.remove();
  await s?.close();
  await lab?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('VM metrics from libvirt', () => {
  it('shows a burning guest using most of its vCPU, its memory, and a history', async () => {
    const vm = () => s.metrics.latest(s.inventory.get(vmId));
    const latest = await waitFor(vm, (l) => (l.values['vm.cpuPercentVcpus'] ?? 0) > 30, 30_000);
    expect(latest.values['vm.cpuPercentVcpus'], JSON.stringify(latest)).toBeGreaterThan(30);
    expect(latest.values['vm.vcpus']).toBe(1);
    expect(latest.values['vm.state']).toBe(1);
    expect(latest.values['vm.memBytes']).toBe(128 * 1024 * 1024);
    // Of a host with more CPUs than the guest has, the share is smaller: about its vCPU share over the host's CPUs.
    // Not exactly: cpu.time counts QEMU's own threads too, so a burning guest passes 100 % of its vCPU, where
    // that share is capped; the host share is not.
    const hostCpus = s.metrics.latest(s.inventory.find('hv')!).values['cpu.count']!;
    const ofHost = latest.values['vm.cpuPercentHost']!;
    expect(Math.abs(ofHost - latest.values['vm.cpuPercentVcpus']! / hostCpus)).toBeLessThan(5);
    const history = await waitFor(
      () => s.metrics.history(s.inventory.get(vmId), '15m', ['vm.cpuPercentVcpus']),
      (h) => (h.series[0]?.points.length ?? 0) > 2,
      15_000,
    );
    expect(history.series[0]!.points.length).toBeGreaterThan(2);
    expect(history.series[0]!.points.every((p) => p[1] > 0)).toBe(true);
    expect(s.metrics.prometheus()).toMatch(
      new RegExp(
        `labvisor_vm_cpu_percent_of_vcpus\\{host="burner",cluster="",hypervisor="hv",vm="${guest.name}"\\} \\d`,
      ),
    );
  }, 60_000);

  it('alerts when the VM is stopped outside Labvisor, not when Labvisor powers it off', async () => {
    const power = async (action: string) => {
      const r = await s.dispatch(
        'power.set',
        { targets: ['burner'], action, confirm: { hostNames: ['burner'] }, waitSec: 60 },
        { door: 'cli' },
      );
      expect(r.ok && (r.value as BulkResult).results[0]!.ok, JSON.stringify(r)).toBe(true);
    };
    const rule = s.metrics.alerts.rules().find((r) => r.kind === 'vmState')!;
    const alertsOfVm = () => s.metrics.alerts.repo.list(100).filter((a) => a.ruleId === rule.id && a.hostId === vmId);
    const vm = () => s.metrics.latest(s.inventory.get(vmId));

    // Labvisor powers it off through the libvirt driver: once judged (a sample past the grace), no alert.
    await power('off');
    const off = await waitFor(vm, (l) => l.values['vm.state'] !== undefined && l.values['vm.state'] !== 1, 30_000);
    await waitFor(vm, (l) => (l.at ?? 0) > off.at! + VM_STATE_GRACE_MS + 2000, 60_000);
    expect(alertsOfVm()).toEqual([]);

    // Back on by Labvisor; then stopped behind its back, as `virsh destroy` on the hypervisor would.
    await power('on');
    await waitFor(vm, (l) => l.values['vm.state'] === 1, 30_000);
    await guest.virsh('destroy', guest.uuid);
    const fired = await waitFor(alertsOfVm, (list) => list.some((a) => a.state === 'firing'), 90_000);
    expect(fired[0]).toMatchObject({ hostName: 'burner', state: 'firing' });
    expect(fired[0]!.message).toMatch(/left the running state \(libvirt state 5\) without a Labvisor power action/);
  }, 240_000);
});
