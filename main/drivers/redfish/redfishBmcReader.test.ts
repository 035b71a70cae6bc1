import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BmcReader } from '../bmcReader';
import { redfishBmcReader } from './redfishBmcReader';
import { redfishDepsOf } from './redfishDriver';
import { RedfishSessions } from './redfishSessions';
import { redfishLab } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

describe.each(['ilo4', 'dmtf', 'modern'] as const)(
  'Redfish sensors, logs and BMC info from the %s test service',
  (shape) => {
    let lab: Lab;
    let reader: BmcReader;
    let sessions: RedfishSessions;
    beforeAll(async () => {
      lab = await redfishLab({ shape });
      sessions = new RedfishSessions(redfishDepsOf(lab.services));
      reader = redfishBmcReader(lab.host, sessions);
    });
    afterAll(() => lab.cleanup());

    it('reads temperatures with thresholds, fans, supplies and consumption', async () => {
      const sensors = await reader.sensors();
      const inlet = sensors.find((s) => s.name === '01-Inlet Ambient');
      expect(inlet).toMatchObject({ kind: 'temperature', reading: 22, unit: 'degrees C', level: 'ok' });
      expect(inlet?.thresholds).toMatchObject({ uc: 42, unr: 46, lc: null });
      const fans = sensors.filter((s) => s.kind === 'fan');
      expect(fans).toHaveLength(3);
      expect(fans[0]).toMatchObject(
        shape === 'ilo4' ? { reading: 21, unit: 'percent' } : { reading: 5520, unit: 'RPM' },
      );
      expect(sensors.filter((s) => s.kind === 'psu').map((s) => s.level)).toEqual(['ok', 'warning']);
      expect(sensors.find((s) => s.kind === 'power')).toMatchObject({
        name: shape === 'modern' ? 'Total Power' : 'Power Consumption',
        reading: 142,
      });
      const voltage = sensors.find((s) => s.kind === 'voltage');
      if (shape === 'ilo4') expect(voltage).toBeUndefined();
      else expect(voltage).toMatchObject({ reading: 1.8, unit: 'Volts', thresholds: { lc: 1.6, uc: 2 } });
    });

    it('rates a reading past its threshold even when the BMC still says OK', async () => {
      lab.bmc.machine.temperatures[1]!.reading = 75;
      const cpu = (await reader.sensors()).find((s) => s.name === '02-CPU 1');
      expect(cpu).toMatchObject({ reading: 75, level: 'critical' });
      lab.bmc.machine.temperatures[1]!.reading = 40;
    });

    it('reads the IML/SEL entries oldest first, then clears them', async () => {
      const entries = await reader.sel();
      expect(entries.length).toBe(3);
      expect(entries[0]).toMatchObject({ id: '1', event: 'OK: Server power restored.', direction: null });
      expect(entries[2]).toMatchObject({ sensor: 'Temperature', direction: 'asserted' });
      expect(entries[2]?.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await reader.clearSel()).toBe(3);
      expect(await reader.sel()).toEqual([]);
    });

    it('reads the manager: firmware, model, MAC and address', async () => {
      const info = await reader.info();
      expect(info.firmwareRevision).toBe(lab.bmc.machine.shape.firmwareVersion);
      expect(info.manufacturer).toBe(shape === 'ilo4' ? 'HP' : 'Contoso');
      expect(info.fields).toMatchObject({
        'MAC Address': '14:02:ec:00:00:01',
        'IPv4 Address': '127.0.0.1',
        'IP Address Source': 'Static',
      });
    });

    it('keeps one session for every read, and logs it out when closed', async () => {
      expect(lab.bmc.stats.sessionsCreated).toBe(1);
      expect(lab.bmc.stats.liveSessions).toBe(1);
      await sessions.close();
      expect(lab.bmc.stats.liveSessions).toBe(0);
    });
  },
);
