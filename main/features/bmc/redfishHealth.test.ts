import { afterEach, describe, expect, it } from 'vitest';
import { redfishLab } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

// Health over the whole service stack against the Redfish test service: the newer sensor model is read, and a
// chassis without readings is never "ok".
describe('BMC health from Redfish sensors', () => {
  let lab: Lab;
  afterEach(() => lab?.cleanup());

  it('reads a service that publishes only the newer sensor model, with one request per collection', async () => {
    lab = await redfishLab({ shape: 'modern' });
    lab.bmc.requestLog.length = 0;
    const [health] = await lab.services.bmc.health([lab.host.id], 1);
    expect(health).toMatchObject({
      reachable: true,
      level: 'warning',
      // A health check reads levels only: a supply's output (one request per supply) is left to the sensors view.
      worstSensor: 'Power Supply 2 (Warning)',
    });
    const sensors = await lab.services.bmc.sensors(lab.host.id);
    expect(sensors.sensors.map((s) => s.kind).sort()).toEqual(
      ['fan', 'fan', 'fan', 'power', 'psu', 'psu', 'temperature', 'temperature', 'temperature', 'voltage'].sort(),
    );
    // The link-only Sensors collection came back expanded: no request per sensor.
    expect(lab.bmc.requestLog.filter((r) => /\/Sensors\/\w/.test(r))).toEqual([]);
    expect(lab.bmc.requestLog.some((r) => /\/Sensors\?\$expand=/.test(r))).toBe(true);
  });

  it('prefers the newer model when a service has both, and says unknown (not ok) when there are no sensors', async () => {
    lab = await redfishLab({ shape: 'dmtf' });
    lab.bmc.machine.sensorsPublished = false;
    const [health] = await lab.services.bmc.health([lab.host.id], 1);
    expect(health).toMatchObject({ reachable: true, level: 'unknown', worstSensor: null });
    expect(health?.error?.message).toMatch(/no sensor readings/);
  });
});
