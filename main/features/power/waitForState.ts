import type { PowerState } from '../../../common/domain/power';
import type { PowerDriver } from '../../drivers/powerDriver';

/** The first re-check after an action; the wait then doubles up to the configured interval. */
const FIRST_POLL_MS = 50;

/**
 * Polls the driver until the host is in `target` or `timeoutMs` passes. A BMC busy with the transition may fail
 * a status request; that is not the action failing, so polling goes on and the last good answer is kept. Most
 * chassis switch within a fraction of a second, so the polls start close together and back off to `intervalMs`:
 * the user sees the new state when it is there, not a full interval later.
 */
export async function waitForState(
  driver: PowerDriver,
  target: 'on' | 'off',
  timeoutMs: number,
  intervalMs: number,
): Promise<{ state: PowerState; reached: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let state: PowerState = 'unknown';
  let wait = Math.min(FIRST_POLL_MS, intervalMs);
  for (;;) {
    state = await driver.status().catch(() => state);
    if (state === target) return { state, reached: true };
    const left = deadline - Date.now();
    // The last look is at the deadline itself: `--wait N` waits N seconds, not one interval less.
    if (left <= 0) return { state, reached: false };
    await new Promise((r) => setTimeout(r, Math.min(wait, left)));
    wait = Math.min(wait * 2, intervalMs);
  }
}
