import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redfishLab } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

describe('Redfish through the dispatcher (power and BMC features)', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await redfishLab({ shape: 'ilo4', transitionMs: 100 });
  });
  afterAll(() => lab.cleanup());

  it('power.set on, power.status and a confirmed soft-off reach the iLO and wait for the state', async () => {
    const cli = { door: 'cli' as const };
    const on = await lab.services.dispatch('power.set', { targets: [lab.host.id], action: 'on', waitSec: 20 }, cli);
    expect(on).toMatchObject({ ok: true, value: { results: [{ ok: true, after: 'on', reached: true }] } });
    const status = await lab.services.dispatch('power.status', { targets: [lab.host.name] }, cli);
    expect(status).toMatchObject({ ok: true, value: [{ driver: 'redfish', state: 'on', error: null }] });
    const soft = await lab.services.dispatch(
      'power.set',
      { targets: [lab.host.id], action: 'soft', waitSec: 20, confirm: { hostNames: [lab.host.name] } },
      cli,
    );
    expect(soft).toMatchObject({ ok: true, value: { results: [{ ok: true, after: 'off', reached: true }] } });
    expect(lab.bmc.machine.resetHistory).toEqual(['On', 'PushPowerButton']);
    // One session kept for every call (logged out at shutdown).
    expect(lab.bmc.stats.sessionsCreated).toBe(1);
    expect(lab.bmc.stats.liveSessions).toBe(1);
  });

  it('bmc.sensors and bmc.info read through the registered Redfish reader', async () => {
    const sensors = await lab.services.dispatch('bmc.sensors', { host: lab.host.id }, { door: 'cli' });
    expect(sensors).toMatchObject({ ok: true });
    expect(JSON.stringify(sensors)).toContain('01-Inlet Ambient');
    const info = await lab.services.dispatch('bmc.info', { host: lab.host.id }, { door: 'cli' });
    expect(info).toMatchObject({ ok: true, value: { firmwareRevision: 'iLO 4 v2.82', hostName: lab.host.name } });
  });
});
