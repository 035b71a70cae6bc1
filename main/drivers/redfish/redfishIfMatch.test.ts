import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BulkResult } from '../../../common/contract/power';
import { redfishLab } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

// Against the Redfish test service's `modern` shape, which (like Lenovo XCC, AMI and Huawei iBMC) answers 428 to a
// PATCH without If-Match and 412 to a stale one, resets an omitted BootSourceOverrideMode (like Supermicro), and has
// LocationIndicatorActive instead of IndicatorLED.
describe('Redfish changes guarded by ETags', () => {
  let lab: Lab;
  const bootdev = async (device: 'pxe' | 'disk') => {
    const r = await lab.services.dispatch(
      'power.bootDevice',
      { targets: [lab.host.id], device, persistent: false, concurrency: 1 },
      { door: 'cli' },
    );
    if (!r.ok) throw new Error(r.message);
    return (r.value as BulkResult).results[0];
  };
  beforeAll(async () => {
    lab = await redfishLab({ shape: 'modern' });
  });
  afterAll(() => lab.cleanup());

  it('sends If-Match with the ETag it read and keeps the boot mode', async () => {
    lab.bmc.patches.length = 0;
    expect(await bootdev('pxe')).toMatchObject({ ok: true, error: null });
    expect([lab.bmc.machine.bootTarget, lab.bmc.machine.bootEnabled, lab.bmc.machine.bootMode]).toEqual([
      'Pxe',
      'Once',
      'UEFI',
    ]);
    expect(lab.bmc.patches).toHaveLength(1);
    expect(lab.bmc.patches[0]).toMatchObject({
      ifMatch: expect.stringMatching(/^"[0-9a-f]+"$/),
      body: { Boot: { BootSourceOverrideMode: 'UEFI' } },
    });
  });

  it('retries once with a fresh ETag when the resource changed meanwhile (412)', async () => {
    lab.bmc.patches.length = 0;
    lab.bmc.raceNextPatch(1);
    expect((await bootdev('disk'))?.ok).toBe(true);
    expect(lab.bmc.machine.bootTarget).toBe('Hdd');
    expect(lab.bmc.patches).toHaveLength(2);
    expect(lab.bmc.patches[0]!.ifMatch).not.toBe(lab.bmc.patches[1]!.ifMatch);
  });

  it('gives up after one retry with a clear error', async () => {
    lab.bmc.raceNextPatch(2);
    expect(await bootdev('pxe')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/412/) } });
    expect(lab.bmc.machine.bootTarget).toBe('Hdd');
  });

  it('switches the locator LED with LocationIndicatorActive', async () => {
    const identify = (seconds: number, force: boolean) =>
      lab.services.dispatch(
        'power.identify',
        { targets: [lab.host.id], seconds, force, concurrency: 1 },
        { door: 'cli' },
      );
    await identify(0, true);
    expect(lab.bmc.machine.indicatorLed).toBe('Lit');
    expect(lab.bmc.patches.at(-1)?.body).toEqual({ LocationIndicatorActive: true });
    await identify(0, false);
    expect(lab.bmc.machine.indicatorLed).toBe('Off');
  });
});
