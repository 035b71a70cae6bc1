import type { PowerState } from '../../../common/domain/power';
import type { PowerDriver } from '../../drivers/powerDriver';

/**
 * Polls the driver until the host is in `target` or `timeoutMs` passes. A BMC busy with the transition may fail
 * a status request; that is not the action failing, so polling goes on and the last good answer is kept.
 */
export async function waitForState(
  driver: PowerDriver,
  target: 'on' | 'off',
  timeoutMs: number,
  intervalMs: number,
): Promise<{ state: PowerState; reached: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let state: PowerState = 'unknown';
  for (;;) {
    state = await driver.status().catch(() => state);
    if (state === target) return { state, reached: true };
    if (Date.now() + intervalMs > deadline) return { state, reached: false };
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
