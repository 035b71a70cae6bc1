import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandInput, CommandName, CommandOutput, EventMessage } from '../../../common/contract';
import { createServices, type AppServices } from '../../app/services';
import { startIpmiSims, type IpmiSimLab } from '../../../lab/ipmi/ipmiSimLab';
import { addBmcHost } from '../../../lab/ipmi/labHosts';
import { freeUdpPort } from '../../../lab/ipmi/udpPorts';

// Sensors, SEL and BMC info read from real ipmi_sim BMCs (SDRs compiled with sdrcomp, sensors from bmc.emu).
let lab: IpmiSimLab;
let services: AppServices;
let dataDir: string;

const call = <N extends CommandName>(name: N, input: CommandInput<N>) =>
  services.dispatch(name, input, { door: 'cli' });
const ok = async <N extends CommandName>(name: N, input: CommandInput<N>): Promise<CommandOutput<N>> => {
  const r = await call(name, input);
  if (!r.ok) throw new Error(`${name}: ${r.code} ${r.message}`);
  return r.value as CommandOutput<N>;
};

beforeAll(async () => {
  lab = await startIpmiSims([{ name: 'cool' }, { name: 'hot', inletTemp: 85 }]);
  dataDir = mkdtempSync(join(tmpdir(), 'labvisor-bmc-'));
  services = createServices({ dataDir });
  addBmcHost(services, 'cool', lab.bmcs[0]!);
  addBmcHost(services, 'hot', lab.bmcs[1]!);
  addBmcHost(services, 'gone', { ...lab.bmcs[0]!, port: await freeUdpPort('127.0.0.1') });
});

afterAll(async () => {
  await services?.close();
  await lab?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('BMC sensors, event log and identity over IPMI', () => {
  it('lists temperatures, fans, voltages and the PSU with thresholds and levels', async () => {
    const { sensors } = await ok('bmc.sensors', { host: 'cool' });
    const byName = Object.fromEntries(sensors.map((s) => [s.name, s]));
    expect(byName['Inlet Temp']).toMatchObject({
      kind: 'temperature',
      reading: 30,
      level: 'ok',
      thresholds: { unc: 70, uc: 80, unr: 90, lc: null },
    });
    expect(byName['Fan 1']).toMatchObject({
      kind: 'fan',
      reading: 4800,
      unit: 'RPM',
      thresholds: { lc: 1000, lnc: 1500 },
    });
    expect(byName['Rail 12V']).toMatchObject({ kind: 'voltage', reading: 12, thresholds: { lc: 11, uc: 13 } });
    expect(byName['PSU1 Status']).toMatchObject({ kind: 'psu', reading: null, level: 'ok' });
    const hot = await ok('bmc.sensors', { host: 'hot' });
    expect(hot.sensors.find((s) => s.name === 'Inlet Temp')).toMatchObject({
      reading: 85,
      level: 'critical',
      status: 'cr',
    });
  });

  it('reads the BMC identity', async () => {
    const info = await ok('bmc.info', { host: 'cool' });
    expect(info).toMatchObject({
      ipmiVersion: '2.0',
      firmwareRevision: '9.08',
      manufacturer: 'MontaVista Software, Inc.',
    });
    expect(info.fields['Device Available']).toBe('yes');
  });

  it("reads the BMC's own network settings (lan print) as ipmitool set them", async () => {
    const sim = lab.bmcs[0]!;
    // The reference tool configures the BMC; Labvisor must read back what it set.
    const ipmitool = (...args: string[]) =>
      execFileSync(
        'ipmitool',
        ['-I', 'lanplus', '-C', '3', '-H', sim.address, '-p', String(sim.port), '-U', sim.user, '-E', ...args],
        { env: { ...process.env, IPMI_PASSWORD: sim.password }, stdio: 'pipe' },
      );
    ipmitool('lan', 'set', '1', 'ipsrc', 'static');
    ipmitool('lan', 'set', '1', 'ipaddr', '10.1.2.3');
    ipmitool('lan', 'set', '1', 'macaddr', '14:02:ec:00:00:07');
    ipmitool('lan', 'set', '1', 'defgw', 'ipaddr', '10.1.2.1');
    ipmitool('lan', 'set', '1', 'vlan', 'id', '100');
    const info = await ok('bmc.info', { host: 'cool' });
    expect(info.fields).toMatchObject({
      'MAC Address': '14:02:ec:00:00:07',
      'IP Address Source': 'Static Address',
      'IPv4 Address': '10.1.2.3',
      'Default Gateway': '10.1.2.1',
      'VLAN ID': '100',
    });
  });

  it('sums up health, with the worst sensor, and an unreachable BMC', async () => {
    const health = await ok('bmc.health', { targets: ['cool', 'hot', 'gone'] });
    expect(health[0]).toMatchObject({ reachable: true, power: 'on', level: 'ok', worstSensor: null });
    expect(health[1]).toMatchObject({ reachable: true, level: 'critical' });
    expect(health[1]!.worstSensor).toMatch(/Inlet Temp 85 degrees C \(cr\)/);
    expect(health[2]).toMatchObject({ reachable: false, level: 'unknown', error: { code: 'unreachable' } });
  });

  it('polls health only while watched, as events', async () => {
    const seen: EventMessage[] = [];
    const off = services.events.subscribe((e) => e.name === 'bmc.health' && seen.push(e));
    const { watchId, leaseSec } = await ok('bmc.watch', {
      targets: ['hot'],
      intervalSec: 30,
    });
    expect(leaseSec).toBeGreaterThanOrEqual(90);
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(seen[0]!.payload).toMatchObject({ hostName: 'hot', level: 'critical' });
    expect(await ok('bmc.unwatch', { watchId })).toEqual({ stopped: true });
    off();
  });

  it('lists the SEL and clears it only when confirmed, with an audit entry', async () => {
    const { entries } = await ok('bmc.sel', { host: 'hot' });
    expect(entries.length).toBeGreaterThanOrEqual(2);
    expect(entries[0]).toMatchObject({ sensor: 'Temperature Inlet Temp', direction: 'asserted', going: 'high' });
    expect(entries[0]!.event).toMatch(/Upper Critical going high/);

    expect(await call('bmc.clearSel', { host: 'hot' })).toMatchObject({ ok: false, code: 'confirmation_required' });
    expect(await call('bmc.clearSel', { host: 'hot', confirm: { hostNames: ['cool'] } })).toMatchObject({
      ok: false,
      code: 'confirmation_required',
    });
    const cleared = await ok('bmc.clearSel', { host: 'hot', confirm: { hostNames: ['hot'] } });
    expect(cleared.cleared).toBe(entries.length);
    expect((await ok('bmc.sel', { host: 'hot' })).entries).toEqual([]);
    const [audit] = await ok('audit.list', {
      target: 'hot',
      limit: 1,
    });
    expect(audit).toMatchObject({ action: 'bmc.clearSel', result: 'ok', before: { entries: entries.length } });
  });
});
