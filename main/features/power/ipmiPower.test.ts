import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices, type AppServices } from '../../app/services';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import { freeUdpPort } from '../../../lab/ipmi/udpPorts';
import type { CommandInput, CommandName, CommandOutput, EventMessage } from '../../../common/contract';
import { RmcpPlusSession } from '../../drivers/ipmi/rmcpPlus';

// Real OpenIPMI ipmi_sim BMCs on loopback, driven through the dispatcher exactly as every door does.
const COUNT = 22;
let lab: IpmiSimLab;
let services: AppServices;
let dataDir: string;
const events: EventMessage[] = [];

const call = async <N extends CommandName>(name: N, input: CommandInput<N>) =>
  services.dispatch(name, input, { door: 'cli' });
const ok = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
  const r = await call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as CommandOutput<N>;
};
const chassis = (i: number, file: string) => readFileSync(join(lab.bmcs[i]!.chassisDir, file), 'utf8').trim();
const names = Array.from({ length: COUNT }, (_, i) => `node-${i + 1}`);

beforeAll(async () => {
  lab = await startIpmiSims(names.map((name, i) => ({ name, ...(i === 1 ? { inletTemp: 85 } : {}) })));
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-power-'));
  services = createServices({
    dataDir,
    power: { pollIntervalMs: 200, ipmiTimeouts: { replySec: 1, retries: 1, commandMs: 20_000 } },
  });
  services.events.subscribe((e) => events.push(e));
  lab.bmcs.forEach((bmc, i) =>
    addBmcHost(services, names[i]!, bmc, { cluster: i < 4 ? 'rack-a' : null, tags: i % 2 ? ['odd'] : [] }),
  );
  addBmcHost(services, 'wrong-pass', { ...lab.bmcs[0]!, password: 'not-the-password' });
  addBmcHost(services, 'dead-bmc', { ...lab.bmcs[0]!, port: await freeUdpPort('127.0.0.1') });
  addBmcHost(services, 'precious', lab.bmcs[5]!, { protected: true });
});

afterAll(async () => {
  await services?.close();
  await lab?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('power over IPMI against ipmi_sim', () => {
  it('reads the power state of every BMC in parallel', async () => {
    const statuses = await ok('power.status', {
      targets: names,
    });
    expect(statuses).toHaveLength(COUNT);
    expect(statuses.every((s) => s.state === 'on' && s.error === null)).toBe(true);
  });

  it('resolves clusters and tags to hosts', async () => {
    const hosts = await ok('power.resolve', { targets: ['rack-a', 'odd'] });
    expect(hosts.slice(0, 4).map((h) => h.hostName)).toEqual(names.slice(0, 4));
    expect(hosts.length).toBe(4 + names.filter((_, i) => i % 2 && i >= 4).length);
    expect((await call('power.resolve', { targets: ['nope'] })).ok).toBe(false);
  });

  it('refuses destructive actions without a confirmation naming every host', async () => {
    const r = await call('power.set', { targets: ['rack-a'], action: 'off' });
    // toMatchObject compares arrays whole: exactly these hosts are named, in order.
    expect(r).toMatchObject({ ok: false, code: 'confirmation_required', details: { hostNames: names.slice(0, 4) } });
    const partial = await call('power.set', {
      targets: ['rack-a'],
      action: 'off',
      confirm: { hostNames: names.slice(0, 3) },
    });
    expect(partial).toMatchObject({ ok: false, code: 'confirmation_required' });
    expect(chassis(0, 'power')).toBe('1');
  });

  it('refuses a protected host unless its name is typed', async () => {
    const r = await call('power.set', { targets: ['precious'], action: 'cycle', confirm: { hostNames: ['precious'] } });
    expect(r).toMatchObject({ ok: false, code: 'protected_host' });
    const forced = await ok('power.set', {
      targets: ['precious'],
      action: 'reset',
      confirm: { hostNames: ['precious'] },
      forceProtected: ['PRECIOUS'],
    });
    expect(forced.results[0]!.ok).toBe(true);
  });

  it('powers a cluster off and on, waits for the state, reports progress and audits each host', async () => {
    const operationId = 'op-off';
    const off = await ok('power.set', {
      targets: ['rack-a'],
      action: 'off',
      confirm: { hostNames: names.slice(0, 4) },
      operationId,
      concurrency: 2,
    });
    expect(off.results.map((r) => [r.ok, r.before, r.after])).toEqual(Array(4).fill([true, 'on', 'off']));
    expect([0, 1, 2, 3].map((i) => chassis(i, 'power'))).toEqual(['0', '0', '0', '0']);
    const progress = events
      .filter((e): e is EventMessage<'power.progress'> => e.name === 'power.progress')
      .map((e) => e.payload)
      .filter((p) => p.operationId === operationId);
    const phases = progress.filter((p) => p.hostName === names[0]!).map((p) => p.phase);
    expect(phases[0]).toBe('queued');
    expect(phases.at(-1)).toBe('done');
    expect(progress.at(-1)).toMatchObject({ finished: 4, total: 4 });

    const on = await ok('power.set', {
      targets: ['rack-a'],
      action: 'on',
    });
    expect(on.results.every((r) => r.ok && r.after === 'on')).toBe(true);

    const audit = await ok('audit.list', { target: names[0]!, limit: 10 });
    expect(audit[0]).toMatchObject({ action: 'power.set', result: 'ok', before: { state: 'off' } });
    expect(audit[0]!.after).toMatchObject({ action: 'on', state: 'on', reached: true });
    expect(audit[1]).toMatchObject({
      action: 'power.set',
      before: { state: 'on' },
      after: { action: 'off', state: 'off' },
    });
  });

  it('logs in once per host for an action (OPERATOR, state read in it) and at USER for a status alone', async () => {
    // The real sessions run; the spy only records which privilege each login asked for (IPMI v2.0 table 13-17).
    const opened = vi.spyOn(RmcpPlusSession.prototype, 'open');
    const privileges = () => opened.mock.contexts.map((session) => Reflect.get(session as object, 'privilege'));
    try {
      const off = await ok('power.set', { targets: [names[9]!], action: 'off', confirm: { hostNames: [names[9]!] } });
      expect(off.results[0]).toMatchObject({ ok: true, before: 'on', after: 'off', reached: true });
      expect(privileges()).toEqual([0x03]);
      opened.mockClear();
      expect((await ok('power.status', { targets: [names[9]!] }))[0]).toMatchObject({ state: 'off' });
      expect(privileges()).toEqual([0x02]);
    } finally {
      opened.mockRestore();
    }
    await ok('power.set', { targets: [names[9]!], action: 'on' });
    expect(chassis(9, 'power')).toBe('1');
  });

  it('sends the state-before read behind the privilege raise, and the control only once the read is answered', async () => {
    // The real requests run; the spy only notes when each is sent and answered (netFn 6/0x3b: Set Session
    // Privilege, 0/0x01: Get Chassis Status, 0/0x02: Chassis Control).
    const order: string[] = [];
    const request = RmcpPlusSession.prototype.request;
    const spy = vi.spyOn(RmcpPlusSession.prototype, 'request').mockImplementation(async function (
      this: RmcpPlusSession,
      netFn,
      cmd,
      data,
    ) {
      const name = `${netFn}/${cmd}`;
      order.push(`send ${name}`);
      const reply = await request.call(this, netFn, cmd, data);
      order.push(`answer ${name}`);
      return reply;
    });
    try {
      const r = await ok('power.set', { targets: [names[11]!], action: 'off', confirm: { hostNames: [names[11]!] } });
      expect(r.results[0]).toMatchObject({ ok: true, before: 'on', after: 'off' });
    } finally {
      spy.mockRestore();
    }
    expect(order.slice(0, 2)).toEqual(['send 6/59', 'send 0/1']);
    expect(order.indexOf('send 0/2')).toBeGreaterThan(order.indexOf('answer 0/1'));
    expect(order.indexOf('send 0/2')).toBeGreaterThan(order.indexOf('answer 6/59'));
    await ok('power.set', { targets: [names[11]!], action: 'on' });
  });

  it('soft-off, cycle and reset reach the chassis', async () => {
    const confirm = { hostNames: [names[6]!] };
    await ok('power.set', { targets: [names[6]!], action: 'soft', confirm });
    expect(chassis(6, 'power')).toBe('0');
    await ok('power.set', { targets: [names[6]!], action: 'on' });
    const reset = await ok('power.set', {
      targets: [names[6]!],
      action: 'reset',
      confirm,
    });
    expect(reset.results[0]!.ok).toBe(true);
    expect(chassis(6, 'last_reset')).toMatch(/^\d+/);
    const cycle = await ok('power.set', {
      targets: [names[6]!],
      action: 'cycle',
      confirm,
    });
    expect(cycle.results[0]).toMatchObject({ ok: true, after: 'on' });
  });

  it('refuses a graceful reboot (IPMI has none) without logging in, never resetting instead', async () => {
    const confirm = { hostNames: [names[10]!] };
    const lastReset = () => {
      try {
        return chassis(10, 'last_reset');
      } catch {
        return null;
      }
    };
    const resetBefore = lastReset();
    const opened = vi.spyOn(RmcpPlusSession.prototype, 'open');
    try {
      const r = await ok('power.set', { targets: [names[10]!], action: 'reboot', confirm });
      expect(r.results[0]).toMatchObject({
        ok: false,
        error: { code: 'unsupported', message: expect.stringContaining('IPMI has no graceful reboot') },
      });
      expect(opened).not.toHaveBeenCalled();
    } finally {
      opened.mockRestore();
    }
    expect(chassis(10, 'power')).toBe('1');
    expect(lastReset()).toBe(resetBefore);
    expect(services.audit.list({ limit: 5 }).find((e) => e.target === names[10])).toMatchObject({
      action: 'power.set',
      result: 'error',
      after: expect.objectContaining({ action: 'reboot' }),
    });
  });

  it('sets the boot device once or persistently, and the identify LED', async () => {
    const r = await ok('power.bootDevice', { targets: [names[7]!], device: 'pxe' });
    expect(r.results[0]!.ok).toBe(true);
    expect(chassis(7, 'boot')).toBe('pxe');
    await ok('power.bootDevice', { targets: [names[7]!], device: 'cdrom', persistent: true });
    expect(chassis(7, 'boot')).toBe('cdrom');
    await ok('power.identify', { targets: [names[8]!], seconds: 7 });
    expect(chassis(8, 'identify')).toMatch(/^7/);
    await ok('power.identify', { targets: [names[8]!], seconds: 0 });
    expect(chassis(8, 'identify')).toMatch(/^0/);
  });

  it('reports a wrong password and a dead BMC clearly, within the configured timeout', async () => {
    const t0 = Date.now();
    const [wrong, dead] = await ok('power.status', { targets: ['wrong-pass', 'dead-bmc'] });
    expect(wrong!.error?.code).toBe('auth_failed');
    expect(wrong!.elapsedMs).toBeLessThan(1500);
    expect(dead!.error?.code).toBe('unreachable');
    expect(dead!.error?.message).toMatch(/did not answer/);
    expect(Date.now() - t0).toBeLessThan(4000);
  });

  it('stores, lists and runs an ordered power sequence', async () => {
    const seq = await ok('power.saveSequence', {
      name: 'rack-a up',
      cluster: 'rack-a',
      action: 'on',
      stages: [
        { targets: [names[2]!], waitAfterSec: 1 },
        { targets: [names[3]!], waitAfterSec: 0 },
      ],
    });
    expect(await ok('power.listSequences', { cluster: 'RACK-A' })).toHaveLength(1);
    const run = await ok('power.runSequence', { id: seq.id });
    expect(run.stages.map((s) => s.results.map((r) => [r.hostName, r.ok]))).toEqual([
      [[names[2]!, true]],
      [[names[3]!, true]],
    ]);
    expect(run.elapsedMs).toBeGreaterThanOrEqual(1000);
    const off = await call('power.runSequence', { id: seq.id, confirm: { hostNames: [names[2]!] } });
    expect(off.ok).toBe(true);
  });
});

describe('power in read-only mode', () => {
  it('refuses every power change', async () => {
    const ro = createServices({ dataDir, readOnly: true });
    try {
      for (const [name, input] of [
        ['power.set', { targets: [names[0]!], action: 'on' }],
        ['power.bootDevice', { targets: [names[0]!], device: 'pxe' }],
        ['power.identify', { targets: [names[0]!] }],
        ['bmc.clearSel', { host: names[0]!, confirm: { hostNames: [names[0]!] } }],
      ] as const)
        expect(await ro.dispatch(name, input, { door: 'cli' })).toMatchObject({ ok: false, code: 'read_only' });
      expect((await ro.dispatch('power.status', { targets: [names[0]!] }, { door: 'cli' })).ok).toBe(true);
    } finally {
      await ro.close();
    }
  });
});
