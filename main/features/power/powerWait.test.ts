import { afterEach, describe, expect, it } from 'vitest';
import type { BulkResult } from '../../../common/contract/power';
import type { PowerAction } from '../../../common/domain/power';
import { memoryPowerBackend } from '../../../lab/redfish/powerBackend';
import { redfishLab } from '../../testing/redfishTestLab';

type Lab = Awaited<ReturnType<typeof redfishLab>>;

// `--wait N` against the Redfish test service: iLO 4 has no PowerCycle, so a cycle is ForceOff, wait until off, On.
describe('power actions honour --wait', () => {
  let lab: Lab;
  afterEach(() => lab?.cleanup());

  async function act(action: PowerAction, waitSec: number) {
    const started = Date.now();
    const r = await lab.services.dispatch(
      'power.set',
      { targets: [lab.host.id], action, waitSec, concurrency: 1, confirm: { hostNames: [lab.host.name] } },
      { door: 'cli' },
    );
    if (!r.ok) throw new Error(r.message);
    return { result: (r.value as BulkResult).results[0]!, elapsedMs: Date.now() - started };
  }

  async function poweredOn(transitionMs: number, pollIntervalMs = 100) {
    lab = await redfishLab({
      shape: 'ilo4',
      transitionMs,
      powerBackend: memoryPowerBackend(true),
      services: { power: { pollIntervalMs } },
    });
  }

  it('cycles a BMC without PowerCycle off then on, reporting what it read before and after', async () => {
    await poweredOn(300);
    const { result } = await act('cycle', 10);
    expect(result).toMatchObject({ ok: true, before: 'on', after: 'on', reached: true, error: null });
    expect(lab.bmc.machine.resetHistory.slice(-2)).toEqual(['ForceOff', 'On']);
  });

  it('gives up the composite cycle when --wait runs out, not after a fixed two minutes', async () => {
    await poweredOn(2500);
    const { result, elapsedMs } = await act('cycle', 1);
    expect(result).toMatchObject({ ok: false, before: 'on', after: 'on', reached: false, error: { code: 'timeout' } });
    expect(elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(elapsedMs).toBeLessThan(3000);
    // It never switched the machine on again while it was still on its way off.
    expect(lab.bmc.machine.resetHistory.at(-1)).toBe('ForceOff');
  }, 20_000);

  it('waits the whole --wait, not one poll interval less', async () => {
    await poweredOn(2500, 1500);
    const { result, elapsedMs } = await act('off', 2);
    expect(result).toMatchObject({ ok: false, before: 'on', after: 'on', error: { code: 'timeout' } });
    expect(elapsedMs).toBeGreaterThanOrEqual(2000);
    expect(elapsedMs).toBeLessThan(3500);
  }, 20_000);
});
