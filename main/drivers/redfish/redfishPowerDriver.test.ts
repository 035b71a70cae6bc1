import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RedfishPowerDriver } from './redfishPowerDriver';
import { redfishLab, waitFor } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

const EXPECT = {
  ilo4: {
    systemPath: '/redfish/v1/Systems/1/',
    oemKey: 'Hp',
    soft: ['PushPowerButton'],
    cycle: ['ForceOff', 'On'],
    reboot: null,
  },
  ilo5: {
    systemPath: '/redfish/v1/Systems/1',
    oemKey: 'Hpe',
    soft: ['GracefulShutdown'],
    cycle: ['ForceOff', 'On'],
    reboot: 'GracefulRestart',
  },
  dmtf: {
    systemPath: '/redfish/v1/Systems/System.Embedded.1',
    oemKey: null,
    soft: ['GracefulShutdown'],
    cycle: ['PowerCycle'],
    reboot: 'GracefulRestart',
  },
  modern: {
    systemPath: '/redfish/v1/Systems/system',
    oemKey: null,
    soft: ['GracefulShutdown'],
    cycle: ['PowerCycle'],
    reboot: 'GracefulRestart',
  },
} as const;

describe.each(['ilo4', 'ilo5', 'dmtf', 'modern'] as const)(
  'Redfish power driver against the %s test service',
  (shape) => {
    let lab: Lab;
    let driver: RedfishPowerDriver;
    const history = () => lab.bmc.machine.resetHistory;
    const status = () => driver.status();

    beforeAll(async () => {
      lab = await redfishLab({ shape, transitionMs: 150 });
      driver = lab.services.power.driverFor(lab.host) as RedfishPowerDriver;
    });
    afterAll(async () => {
      await driver.close();
      await lab.cleanup();
    });

    it('discovers the system, chassis and manager by following @odata.id links', async () => {
      const d = await driver.discovery();
      expect(d.systemPath).toBe(EXPECT[shape].systemPath);
      expect(d.oemKey).toBe(EXPECT[shape].oemKey);
      expect(d.chassisPath).toMatch(/\/redfish\/v1\/Chassis\//);
      expect(d.managerPath).toMatch(/\/redfish\/v1\/Managers\//);
      expect(d.resetTypes).toEqual(lab.bmc.machine.shape.resetTypes);
      expect(lab.bmc.stats.liveSessions).toBe(1);
    });

    it('powers on through PoweringOn, with the ResetType the BMC allows', async () => {
      expect(await status()).toBe('off');
      await driver.power('on');
      expect(
        await waitFor(
          () => lab.bmc.machine.powerState(),
          (s) => s === 'PoweringOn',
          2000,
        ),
      ).toBe('PoweringOn');
      expect(await status()).toBe('off');
      expect(await waitFor(status, (s) => s === 'on')).toBe('on');
      expect(history().at(-1)).toBe('On');
      // Asking again is a no-op, not iLO's "invalid operation for system state".
      await driver.power('on');
      expect(history().filter((t) => t === 'On')).toHaveLength(1);
    });

    it('soft-off maps to the graceful ResetType (PushPowerButton on iLO 4) and goes through PoweringOff', async () => {
      const before = history().length;
      await driver.power('soft');
      expect(
        await waitFor(
          () => lab.bmc.machine.powerState(),
          (s) => s === 'PoweringOff',
          2000,
        ),
      ).toBe('PoweringOff');
      expect(await status()).toBe('on');
      expect(await waitFor(status, (s) => s === 'off')).toBe('off');
      expect(history().slice(before)).toEqual(EXPECT[shape].soft);
      // A button press toggles: a soft-off of an off machine must not start it.
      await driver.power('soft');
      expect(history().length).toBe(before + 1);
      expect(await status()).toBe('off');
    });

    it('cycles with PowerCycle where offered, else ForceOff then On', async () => {
      await driver.power('on');
      await waitFor(status, (s) => s === 'on');
      const before = history().length;
      await driver.power('cycle');
      expect(await waitFor(status, (s) => s === 'on' && history().length === before + EXPECT[shape].cycle.length)).toBe(
        'on',
      );
      expect(history().slice(before)).toEqual(EXPECT[shape].cycle);
    });

    it('reboots with GracefulRestart only where the system offers it, never a hard reset instead', async () => {
      expect(await status()).toBe('on');
      const before = history().length;
      const reboot = EXPECT[shape].reboot;
      if (reboot) {
        await driver.power('reboot');
        expect(history().slice(before)).toEqual([reboot]);
        expect(await waitFor(status, (s) => s === 'on')).toBe('on');
      } else {
        // iLO 4 offers ForceRestart but no GracefulRestart: refused, and nothing at all is sent.
        await expect(driver.power('reboot')).rejects.toMatchObject({
          code: 'unsupported',
          message: expect.stringContaining('no ResetType for "reboot"'),
        });
        expect(history().length).toBe(before);
      }
    });

    it('resets with ForceRestart and forces off with ForceOff', async () => {
      await driver.power('reset');
      expect(history().at(-1)).toBe('ForceRestart');
      expect(
        await waitFor(
          () => lab.bmc.machine.logs.get(lab.bmc.machine.shape.systemLogId ?? 'Sel')!.at(-1)?.Message,
          (m) => m === 'Server reset.',
        ),
      ).toBe('Server reset.');
      await driver.power('off');
      expect(await waitFor(status, (s) => s === 'off')).toBe('off');
      expect(history().at(-1)).toBe('ForceOff');
    });

    it('refuses to reboot a machine that is off, sending nothing', async () => {
      expect(await status()).toBe('off');
      const before = history().length;
      const r = await lab.services.dispatch(
        'power.set',
        { targets: [lab.host.name], action: 'reboot', confirm: { hostNames: [lab.host.name] } },
        { door: 'cli' },
      );
      expect(r).toMatchObject({ ok: true, value: { results: [{ ok: false, before: 'off', after: 'off' }] } });
      const error = (r as { value: { results: [{ error: { code: string; message: string } }] } }).value.results[0]
        .error;
      expect(error.code).toBe('invalid_input');
      expect(error.message).toContain('is off');
      expect(history().length).toBe(before);
    });

    it('sets a one-time or persistent boot override', async () => {
      await driver.bootDevice({ device: 'pxe', persistent: false });
      expect([lab.bmc.machine.bootTarget, lab.bmc.machine.bootEnabled]).toEqual(['Pxe', 'Once']);
      await driver.bootDevice({ device: 'bios', persistent: true });
      expect([lab.bmc.machine.bootTarget, lab.bmc.machine.bootEnabled]).toEqual(['BiosSetup', 'Continuous']);
      await driver.bootDevice({ device: 'cdrom', persistent: false });
      expect(lab.bmc.machine.bootTarget).toBe('Cd');
      await driver.bootDevice({ device: 'none', persistent: false });
      expect(lab.bmc.machine.bootEnabled).toBe('Disabled');
    });

    it('lights the identify LED for N seconds, or until turned off', async () => {
      await driver.identify(1);
      expect(lab.bmc.machine.indicatorLed).toBe('Lit');
      expect(
        await waitFor(
          () => lab.bmc.machine.indicatorLed,
          (led) => led === 'Off',
          5000,
        ),
      ).toBe('Off');
      await driver.identify(0, true);
      expect(lab.bmc.machine.indicatorLed).toBe('Lit');
      await driver.identify(0);
      expect(lab.bmc.machine.indicatorLed).toBe('Off');
    });

    it('keeps one session for every call, the identify timer included (logged out at shutdown)', async () => {
      await driver.close();
      expect(lab.bmc.stats.sessionsCreated).toBe(1);
      expect(lab.bmc.stats.liveSessions).toBe(1);
      expect(lab.bmc.stats.basicAuthRequests).toBe(0);
    });
  },
);
