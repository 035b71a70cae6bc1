import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, CommandOutput } from '../../../common/contract';
import type { AuditEntry } from '../../../common/contract/audit';
import { readPidFile, startSimBmc, stopPid, type SimBmc } from '../../../lab/ipmi/ipmiSimLab';
import { REPO_ROOT } from '../../../lab/labPaths';
import { defineIdleDomain, ensureLibvirtd, type IdleDomain } from '../../../lab/libvirt';
import { startLabSsh, type LabSsh } from '../../../lab/ssh';
import type { AppServices } from '../../app/services';
import { addSshHost, sshTestServices, trustPresentedKey } from '../../testing/sshTestServices';

// A staged power-up as a lab owner runs it, against real peers only: the hypervisor "kvm1" is an ipmi_sim BMC
// whose chassis power-on starts a real sshd two seconds later (a boot), and its VMs are real QEMU domains in the
// shared libvirtd, reached with virsh over that sshd. Order and delays are read back from the audit log and the
// progress events' arrival times, never from a mock.
const virshRoot = promisify(execFile);
const BOOT_SEC = 2;
let dir: string;
let ssh: LabSsh;
let bmc: SimBmc;
let s: AppServices;
let vms: IdleDomain[] = [];
const progress: { at: number; hostName: string; phase: string }[] = [];

const ok = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
  const r = await s.dispatch(name, input, { door: 'cli' });
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as CommandOutput<N>;
};
const domstate = async (vm: IdleDomain) =>
  (await virshRoot('virsh', ['-q', '-c', 'qemu:///system', 'domstate', vm.uuid])).stdout.trim();
/** Audit entries after `afterId`, oldest first. */
const auditSince = (afterId: number): AuditEntry[] =>
  s.audit
    .list({ limit: 500 })
    .filter((e) => e.id > afterId)
    .reverse();
const lastAuditId = () => s.audit.list({ limit: 1 })[0]?.id ?? 0;
const at = (entries: AuditEntry[], action: string, target: string) => {
  const e = entries.find((x) => x.action === action && x.target === target);
  if (!e) throw new Error(`no ${action} for ${target} in ${JSON.stringify(entries.map((x) => x.action))}`);
  return { ...e, ms: Date.parse(e.at) };
};
const sshdDown = async () => {
  await ssh.sshd.stop({ sessions: true });
  stopPid(readPidFile(join(ssh.sshd.dir, 'sshd.pid')));
  rmSync(join(ssh.sshd.dir, 'sshd.pid'), { force: true });
};

beforeAll(async () => {
  ensureLibvirtd();
  dir = mkdtempSync(join(tmpdir(), 'labvisor-order-'));
  chmodSync(dir, 0o755);
  vms = await Promise.all(['lvorder', 'lvorder', 'lvorder'].map((p) => defineIdleDomain(dir, p)));
  ssh = await startLabSsh({ dir: join(dir, 'ssh') });
  const chassisDir = join(dir, 'bmc', 'kvm1-bmc', 'chassis');
  const script = join(REPO_ROOT, 'lab/ipmi/sshdChassis.sh');
  const config = join(ssh.sshd.dir, 'sshd_config');
  const pidFile = join(ssh.sshd.dir, 'sshd.pid');
  bmc = await startSimBmc(join(dir, 'bmc'), {
    name: 'kvm1-bmc',
    chassisConf: `  chassis_control "${script} ${chassisDir} ${config} ${pidFile} ${BOOT_SEC}"`,
  });
  s = sshTestServices();
  s.events.subscribe((e) => {
    if (e.name === 'power.progress') {
      const p = e.payload as { hostName: string; phase: string };
      progress.push({ at: Date.now(), hostName: p.hostName, phase: p.phase });
    }
  });
  const kvm = addSshHost(
    s,
    'kvm1',
    '127.0.0.1',
    ssh.sshd.port,
    { user: ssh.user, identityFile: ssh.keys.ed25519 },
    { bmc: { type: 'ipmi', address: bmc.address, port: bmc.port, user: bmc.user, cipherSuite: 3 } },
  );
  s.vault.set({ hostId: kvm.id, purpose: 'bmc-password' }, bmc.password);
  await trustPresentedKey(s, kvm.id);
  await ok('virt.discover', { host: 'kvm1', uri: 'qemu:///system' });
  // The hypervisor is now off: its BMC says so and its SSH is gone.
  await sshdDown();
  writeFileSync(join(chassisDir, 'power'), '0\n');
}, 240_000);

afterAll(async () => {
  await Promise.all(vms.map((vm) => vm.remove()));
  await s?.close();
  if (ssh) await sshdDown();
  await ssh?.stop();
  stopPid(bmc?.pid ?? null);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

describe('start order, delays and waiting for SSH (ipmi_sim + sshd + libvirtd)', () => {
  it('stores the start order per host, a partial update changing only what it names', async () => {
    const [a, b, c] = vms.map((v) => v.name) as [string, string, string];
    await ok('power.setStartup', { target: a, order: 1, upDelaySec: 2 });
    await ok('power.setStartup', { target: b, order: 2, upDelaySec: 1 });
    expect(await ok('power.setStartup', { target: b, downDelaySec: 2 })).toMatchObject({
      hostName: b,
      order: 2,
      upDelaySec: 1,
      downDelaySec: 2,
    });
    const read = await ok('power.startup', { targets: [c, a] });
    expect(read).toHaveLength(2);
    expect(read).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ hostName: a, order: 1, upDelaySec: 2, downDelaySec: 0 }),
        expect.objectContaining({ hostName: c, order: null, upDelaySec: 0, downDelaySec: 0 }),
      ]),
    );
    const refused = await s.dispatch('power.setStartup', { target: a, order: -1 }, { door: 'cli' });
    expect(refused).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(s.audit.list({ limit: 10 }).filter((e) => e.action === 'power.setStartup')).toHaveLength(3);
  });

  it('brings the hypervisor up by its BMC, waits for its SSH, then starts its VMs in order with their delays', async () => {
    const [a, b, c] = vms.map((v) => v.name) as [string, string, string];
    const seq = await ok('power.saveSequence', {
      name: 'lab up',
      action: 'on',
      stages: [{ targets: ['kvm1'], sshWaitSec: 60 }, { targets: [c, b, a] }],
    });
    const since = lastAuditId();
    progress.length = 0;
    const run = await ok('power.runSequence', { id: seq.id, waitSec: 120 });
    expect(run.stages.flatMap((st) => st.results.map((r) => [r.hostName, r.ok, r.error]))).toEqual([
      ['kvm1', true, null],
      [a, true, null],
      [b, true, null],
      [c, true, null],
    ]);
    const log = auditSince(since);
    const sshWait = at(log, 'power.waitForSsh', 'kvm1');
    expect(sshWait.result).toBe('ok');
    // The sshd starts BOOT_SEC after power-on: the first logins were refused, and the wait outlasted the boot.
    expect((sshWait.after as { attempts: number; elapsedMs: number }).attempts).toBeGreaterThan(1);
    expect((sshWait.after as { elapsedMs: number }).elapsedMs).toBeGreaterThanOrEqual(BOOT_SEC * 1000 - 200);
    const [ta, tb, tc] = [a, b, c].map((n) => at(log, 'power.set', n).ms) as [number, number, number];
    expect(at(log, 'power.set', 'kvm1').ms).toBeLessThanOrEqual(ta);
    expect(tb - ta).toBeGreaterThanOrEqual(2000);
    expect(tc - tb).toBeGreaterThanOrEqual(1000);
    // The same order seen live: a later order is only sent after the earlier one is done plus its up delay.
    // These are the times the progress events reached this test (wall-clock ms), while the pause runs on Node's
    // monotonic timers from when the group finished: a 2 s pause has read as 1,999 ms. Checked to within 20 ms.
    const when = (host: string, phase: string) => progress.find((p) => p.hostName === host && p.phase === phase)!.at;
    expect(when(b, 'sending') - when(a, 'done')).toBeGreaterThanOrEqual(2000 - 20);
    expect(when(c, 'sending') - when(b, 'done')).toBeGreaterThanOrEqual(1000 - 20);
    expect(when(a, 'sending')).toBeGreaterThan(when('kvm1', 'done') - 1);
    for (const vm of vms) expect(await domstate(vm)).toBe('running');
  }, 240_000);

  it('stops them in reverse order with the down delays', async () => {
    const names = vms.map((v) => v.name);
    const [a, b, c] = names as [string, string, string];
    const since = lastAuditId();
    const r = await ok('power.set', {
      targets: names,
      action: 'off',
      ordered: true,
      confirm: { hostNames: names },
      waitSec: 60,
    });
    expect(r.results.map((x) => [x.hostName, x.ok])).toEqual([
      [c, true],
      [b, true],
      [a, true],
    ]);
    const log = auditSince(since);
    const [ta, tb, tc] = [a, b, c].map((n) => at(log, 'power.set', n).ms) as [number, number, number];
    expect(tb).toBeGreaterThanOrEqual(tc);
    expect(ta - tb).toBeGreaterThanOrEqual(2000);
    for (const vm of vms) expect(await domstate(vm)).toBe('shut off');
  }, 120_000);

  it('stops the sequence with a clear error when the hypervisor comes up without SSH', async () => {
    await ok('power.set', { targets: ['kvm1'], action: 'off', confirm: { hostNames: ['kvm1'] }, waitSec: 30 });
    writeFileSync(join(bmc.chassisDir, 'no-ssh'), '');
    const seq = await ok('power.saveSequence', {
      name: 'no ssh',
      action: 'on',
      stages: [{ targets: ['kvm1'], sshWaitSec: 3 }, { targets: vms.map((v) => v.name) }],
    });
    const since = lastAuditId();
    const run = await ok('power.runSequence', { id: seq.id, waitSec: 60 });
    expect(run.stages).toHaveLength(1);
    expect(run.stages[0]!.results[0]).toMatchObject({
      hostName: 'kvm1',
      ok: false,
      after: 'on',
      reached: true,
      error: { code: 'timeout', message: expect.stringMatching(/^kvm1: SSH did not answer within 3 s \(last: /) },
    });
    const log = auditSince(since);
    expect(at(log, 'power.waitForSsh', 'kvm1').result).toBe('error');
    expect(at(log, 'power.runSequence', 'no ssh').result).toBe('error');
    expect(log.some((e) => e.action === 'power.set' && vms.some((v) => v.name === e.target))).toBe(false);
    for (const vm of vms) expect(await domstate(vm)).toBe('shut off');
  }, 120_000);
});
