import { AppError } from '../../../common/result';
import type { PowerAction } from '../powerDriver';

/**
 * The ResetTypes that carry out each action, best first. iLO 4 has no GracefulShutdown (its graceful off is a
 * PushPowerButton), and iLO 4/5 have no PowerCycle (cycle is ForceOff then On: see `resetPlan`).
 */
const PREFERENCES: Record<PowerAction, string[][]> = {
  on: [['On'], ['ForceOn']],
  off: [['ForceOff']],
  soft: [['GracefulShutdown'], ['PushPowerButton']],
  // Only the OS's own restart: never a hard reset in its place (that is `reset`).
  reboot: [['GracefulRestart']],
  cycle: [['PowerCycle'], ['ForceOff', 'On']],
  reset: [['ForceRestart'], ['GracefulRestart'], ['PowerCycle']],
};

/** The ResetTypes to send, in order, for an action, using only those the BMC advertises. */
export function resetPlan(action: PowerAction, allowed: readonly string[]): string[] {
  const plan = PREFERENCES[action].find((steps) => steps.every((step) => allowed.includes(step)));
  if (!plan)
    throw new AppError('unsupported', `the BMC offers no ResetType for "${action}" (it allows ${allowed.join(', ')})`);
  return plan;
}
