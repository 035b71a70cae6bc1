import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type AppServices } from '../../app/services';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import type { CommandInput, CommandName, CommandOutput } from '../../../common/contract';

// The in-memory chassis (lab/ipmi/memChassis.c, an ipmi_sim module) that bench/powerFanout.ts measures against:
// it must behave as the program chassis (chassis.sh) does, judged by ipmitool and by the same chassis files.
const run = promisify(execFile);
let lab: IpmiSimLab;
let services: AppServices;
let dataDir: string;
const names = ['mem-1', 'mem-2'];

const ok = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
  const r = await services.dispatch(name, input, { door: 'cli' });
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as CommandOutput<N>;
};
const chassis = (i: number, file: string) => readFileSync(join(lab.bmcs[i]!.chassisDir, file), 'utf8').trim();
const ipmitoolPower = async (i: number) => {
  const bmc = lab.bmcs[i]!;
  const args = ['-I', 'lanplus', '-C', '3', '-H', bmc.address, '-p', String(bmc.port), '-U', bmc.user, '-E'];
  const { stdout } = await run('ipmitool', [...args, 'chassis', 'power', 'status'], {
    env: { ...process.env, IPMI_PASSWORD: bmc.password },
  });
  return stdout.trim();
};

beforeAll(async () => {
  lab = await startIpmiSims(names.map((name, i) => ({ name, inMemoryChassis: true, initialPower: i ? 0 : 1 })));
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-memchassis-'));
  services = createServices({ dataDir, power: { pollIntervalMs: 200 } });
  lab.bmcs.forEach((bmc, i) => addBmcHost(services, names[i]!, bmc));
});

afterAll(async () => {
  await services?.close();
  await lab?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the lab in-memory ipmi_sim chassis', () => {
  it('starts in the state the lab asked for and answers status reads without logging them', async () => {
    const states = await ok('power.status', { targets: names });
    expect(states.map((s) => s.state)).toEqual(['on', 'off']);
    expect(await ipmitoolPower(0)).toBe('Chassis Power is on');
    expect(await ipmitoolPower(1)).toBe('Chassis Power is off');
    // chassis.sh logs "get power" for each read: here no process runs and nothing is written for a read.
    expect(() => chassis(0, 'log')).toThrow(/ENOENT/);
  });

  it('powers off and on, confirmed before and after, and ipmitool sees the same state', async () => {
    const confirm = { hostNames: [names[0]!] };
    const off = await ok('power.set', { targets: [names[0]!], action: 'off', confirm });
    expect(off.results[0]).toMatchObject({ ok: true, before: 'on', after: 'off' });
    expect(chassis(0, 'power')).toBe('0');
    expect(await ipmitoolPower(0)).toBe('Chassis Power is off');
    const on = await ok('power.set', { targets: names, action: 'on' });
    expect(on.results.map((r) => [r.ok, r.after])).toEqual([
      [true, 'on'],
      [true, 'on'],
    ]);
    expect(await ipmitoolPower(1)).toBe('Chassis Power is on');
    expect(chassis(0, 'log').split('\n')).toEqual(['set power 0', 'set power 1']);
  });

  it('soft-off, reset and cycle reach the chassis', async () => {
    const confirm = { hostNames: [names[1]!] };
    await ok('power.set', { targets: [names[1]!], action: 'soft', confirm });
    expect(chassis(1, 'power')).toBe('0');
    await ok('power.set', { targets: [names[1]!], action: 'on' });
    expect((await ok('power.set', { targets: [names[1]!], action: 'reset', confirm })).results[0]!.ok).toBe(true);
    expect(chassis(1, 'last_reset')).toMatch(/^\d+\.\d{9}$/);
    // ipmi_sim itself turns a cycle into off now and on a second later.
    const cycle = await ok('power.set', { targets: [names[1]!], action: 'cycle', confirm });
    expect(cycle.results[0]).toMatchObject({ ok: true, after: 'on' });
    expect(chassis(1, 'log').split('\n')).toEqual([
      'set power 1', // the previous test's power on
      'set shutdown 1',
      'set power 0',
      'set power 1',
      'set reset 1',
      'set power 0',
      'set power 1',
    ]);
  });

  it('sets the boot device and the identify LED', async () => {
    expect((await ok('power.bootDevice', { targets: [names[0]!], device: 'pxe' })).results[0]!.ok).toBe(true);
    expect(chassis(0, 'boot')).toBe('pxe');
    await ok('power.identify', { targets: [names[0]!], seconds: 7 });
    expect(chassis(0, 'identify')).toBe('7 0');
  });
});
