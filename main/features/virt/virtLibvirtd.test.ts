import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineTcgGuest, ensureLibvirtd, waitForDomState, type TcgGuest } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { BulkResult } from '../../../common/contract/power';
import type { DiscoverResult } from '../../../common/contract/virt';
import type { DomainSnapshot } from '../../../common/domain/virt';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// A real libvirtd (shared by every test run on this machine, never stopped by a test) with a TCG guest that
// really boots, reached the way a user's hypervisor is: the lab user runs virsh over a real sshd. TCG is slow
// here: a define takes up to a minute and a boot ~30 s, so the timeouts are generous.
let dir: string;
let ssh: LabSsh;
let s: AppServices;
let guest: TcgGuest;
const call = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await s.dispatch(name, input, { door: 'cli' });
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as T;
};
const power = (action: string) =>
  call<BulkResult>('power.set', { targets: [guest.name], action, confirm: { hostNames: [guest.name] }, waitSec: 150 });

beforeAll(async () => {
  ensureLibvirtd();
  dir = mkdtempSync(join(tmpdir(), 'labvisor-libvirtd-'));
  chmodSync(dir, 0o755);
  guest = await defineTcgGuest(join(dir, 'guest'), { prefix: 'lvvirt' });
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  s = sshTestServices();
  const kvm = addSshHost(s, 'kvm1', '127.0.0.1', ssh.sshd.port, { user: ssh.user, identityFile: ssh.keys.ed25519 });
  await trustPresentedKey(s, kvm.id);
}, 240_000);

afterAll(async () => {
  await guest?.remove();
  await s?.close();
  await ssh?.stop();
  rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('VMs on a real libvirtd (TCG guest)', () => {
  it('discovers the guest under its hypervisor', async () => {
    const r = await call<DiscoverResult>('virt.discover', { host: 'kvm1', uri: 'qemu:///system' });
    expect(r.domains.find((d) => d.uuid === guest.uuid)).toMatchObject({ name: guest.name, state: 'shut off' });
    const vm = s.inventory.find(guest.name)!;
    expect(vm).toMatchObject({ kind: 'vm', parentId: s.inventory.find('kvm1')!.id, memoryGiB: 0.125 });
  }, 120_000);

  it('starts it, resets it, reboots it gracefully and shuts it down by ACPI through the power commands', async () => {
    expect((await power('on')).results[0]).toMatchObject({ ok: true, before: 'off', after: 'on' });
    await guest.waitForSerial('labvm: booted', 1, 150_000);
    const vm = await call<{ graphics: { type: string; port: number | null; listen: string | null }[] }>('virt.domain', {
      vm: guest.name,
    });
    expect(vm.graphics[0]).toMatchObject({ type: 'vnc', listen: '127.0.0.1' });
    expect(vm.graphics[0]!.port).toBeGreaterThanOrEqual(5900);
    expect((await power('reset')).results[0]).toMatchObject({ ok: true, after: 'on' });
    await guest.waitForSerial('labvm: booted', 2, 150_000);
    // A graceful reboot: the guest itself sees the ACPI button and goes down, then boots again in the same QEMU
    // process (libvirt restarts it); a hard reset would print neither line.
    const domId = (await guest.virsh('domid', guest.uuid)).trim();
    expect((await power('reboot')).results[0]).toMatchObject({ ok: true, before: 'on', after: 'on' });
    await guest.waitForSerial('labvm: ACPI power button, powering off', 1, 150_000);
    await guest.waitForSerial('labvm: booted', 3, 150_000);
    expect((await guest.virsh('domid', guest.uuid)).trim()).toBe(domId);
    expect((await guest.virsh('domstate', guest.uuid)).trim()).toBe('running');
    expect((await power('soft')).results[0]).toMatchObject({ ok: true, before: 'on', after: 'off' });
    expect((await guest.virsh('domstate', guest.uuid)).trim()).toBe('shut off');
  }, 420_000);

  it('snapshots the running guest with its memory, reverts to it (confirmed) and deletes it', async () => {
    await power('on');
    await guest.waitForSerial('labvm: booted', 4, 150_000);
    const created = await call<DomainSnapshot[]>('virt.snapshotCreate', {
      vm: guest.name,
      name: 'before change',
      description: 'booted; memory included',
    });
    expect(created).toEqual([
      expect.objectContaining({
        name: 'before change',
        kind: 'internal',
        state: 'running',
        current: true,
        description: 'booted; memory included',
      }),
    ]);
    await power('off');
    const unconfirmed = await s.dispatch(
      'virt.snapshotRevert',
      { vm: guest.name, name: 'before change' },
      { door: 'cli' },
    );
    expect(unconfirmed).toMatchObject({ ok: false, code: 'confirmation_required' });
    await call('virt.snapshotRevert', { vm: guest.name, name: 'before change', confirmed: true });
    await waitForDomState(guest.uuid, 'running', 60_000);
    expect(s.audit.list({ limit: 50 }).some((e) => e.action === 'virt.snapshotRevert' && e.result === 'ok')).toBe(true);
    expect(await call('virt.snapshotDelete', { vm: guest.name, name: 'before change', confirmed: true })).toEqual([]);
  }, 420_000);

  it('takes disk-only and external (memory + disk) snapshots, lists their kind, and says what libvirt cannot do', async () => {
    expect((await guest.virsh('domstate', guest.uuid)).trim()).toBe('running');
    const diskOnly = await call<DomainSnapshot[]>('virt.snapshotCreate', {
      vm: guest.name,
      name: 'disk-only-1',
      kind: 'disk-only',
    });
    expect(diskOnly.find((x) => x.name === 'disk-only-1')).toMatchObject({ kind: 'disk-only' });
    // Root's own view: the VM now writes to an overlay next to its disk.
    const overlay = guest.disk.replace(/\.qcow2$/, '.disk-only-1');
    expect(await guest.virsh('domblklist', guest.uuid)).toContain(overlay);
    const hostile = '$(touch lv-snap-pwned) m';
    const external = await call<DomainSnapshot[]>('virt.snapshotCreate', {
      vm: guest.name,
      name: hostile,
      kind: 'external',
      description: 'memory and disks',
    });
    expect(external.find((x) => x.name === hostile)).toMatchObject({ kind: 'external', state: 'running' });
    const memoryFile = /<memory snapshot='external' file='([^']+)'/.exec(
      await guest.virsh('snapshot-dumpxml', guest.uuid, hostile),
    )![1]!;
    expect(memoryFile).toMatch(new RegExp(`^${dir}/.*-touch-lv-snap-pwned-m-[0-9a-f]{8}\\.mem$`));
    expect(existsSync(memoryFile)).toBe(true);
    expect(existsSync(join('/home', ssh.user, 'lv-snap-pwned'))).toBe(false);
    // libvirt reverts external snapshots from 9.7 on; this machine's may be older: then a clear refusal.
    const [major, minor] = /libvirt (\d+)\.(\d+)/
      .exec(await guest.virsh('version'))!
      .slice(1)
      .map(Number) as [number, number];
    const revert = await s.dispatch(
      'virt.snapshotRevert',
      { vm: guest.name, name: hostile, confirmed: true },
      { door: 'cli' },
    );
    if (major > 9 || (major === 9 && minor >= 7)) expect(revert).toMatchObject({ ok: true });
    else {
      expect(revert).toMatchObject({
        ok: false,
        code: 'unsupported',
        message: expect.stringContaining('cannot revert to the external snapshot'),
      });
      expect((await guest.virsh('domstate', guest.uuid)).trim()).toBe('running');
    }
    // Deleting external snapshots works from libvirt 9.0 (it merges the overlay back).
    await call('virt.snapshotDelete', { vm: guest.name, name: hostile, confirmed: true });
    const left = await call<DomainSnapshot[]>('virt.snapshotDelete', {
      vm: guest.name,
      name: 'disk-only-1',
      confirmed: true,
    });
    expect(left).toEqual([]);
    expect((await guest.virsh('domstate', guest.uuid)).trim()).toBe('running');
  }, 300_000);

  it('suspends, resumes and sets autostart', async () => {
    expect(await call('virt.suspend', { vm: guest.name })).toEqual({ state: 'paused' });
    expect(await call('virt.resume', { vm: guest.name })).toEqual({ state: 'running' });
    await call('virt.setAutostart', { vm: guest.name, on: true });
    expect(await guest.virsh('dominfo', guest.uuid)).toMatch(/Autostart:\s+enable/);
    await call('virt.setAutostart', { vm: guest.name, on: false });
    expect(await guest.virsh('dominfo', guest.uuid)).toMatch(/Autostart:\s+disable/);
  }, 120_000);

  it('follows domain events and picks the stream up again after the SSH connection drops', async () => {
    const seen: { domain: string; event: string; detail: string }[] = [];
    const off = s.events.subscribe((e) => {
      if (e.name === 'virt.domainEvent') seen.push(e.payload as (typeof seen)[number]);
    });
    const saw = (detail: RegExp) => seen.some((e) => e.domain === guest.name && detail.test(e.detail));
    // Toggle pause until the follower reports it: the stream may still be starting, or reconnecting.
    const toggleUntilSeen = async (detail: RegExp) => {
      const started = Date.now();
      while (!saw(detail)) {
        if (Date.now() - started > 60_000) throw new Error(`no ${detail} event: ${JSON.stringify(seen)}`);
        await call('virt.suspend', { vm: guest.name });
        await call('virt.resume', { vm: guest.name });
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    try {
      const { watchId } = await call<{ watchId: string }>('virt.watch', { host: 'kvm1' });
      await toggleUntilSeen(/Resumed/);
      expect(seen.find((e) => e.domain === guest.name)).toMatchObject({ event: 'lifecycle' });
      seen.length = 0;
      await ssh.sshd.stop({ sessions: true });
      await ssh.sshd.start();
      await toggleUntilSeen(/Suspended/);
      expect(await call('virt.unwatch', { watchId })).toEqual({ stopped: true });
      expect(s.virt.events.following()).toEqual([]);
    } finally {
      off();
    }
  }, 120_000);
});
