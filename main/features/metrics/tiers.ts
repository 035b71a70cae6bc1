import type { HistoryRange } from '../../../common/contract/metrics';

export interface Tier {
  id: number;
  /** Seconds per point; 0 for raw samples (kept at whatever interval they came). */
  stepSec: number;
  /** Seconds of data per stored row. */
  blockSec: number;
  /** How long its rows are kept. */
  keepSec: number;
}

const HOUR = 3600;
const DAY = 24 * HOUR;

/** Raw for an hour, 1 min for 2 days, 15 min for 30 days, 2 h for a year; roll-ups keep average and maximum. */
export const TIERS: readonly Tier[] = [
  { id: 0, stepSec: 0, blockSec: 120, keepSec: HOUR },
  { id: 1, stepSec: 60, blockSec: HOUR, keepSec: 2 * DAY },
  { id: 2, stepSec: 900, blockSec: DAY, keepSec: 30 * DAY },
  { id: 3, stepSec: 7200, blockSec: 8 * DAY, keepSec: 365 * DAY },
];

export const RANGE_SEC: Record<HistoryRange, number> = {
  '15m': 15 * 60,
  '1h': HOUR,
  '24h': DAY,
  '7d': 7 * DAY,
  '30d': 30 * DAY,
};

/** The finest tier that still covers the whole range. */
export function tierFor(range: HistoryRange): Tier {
  const seconds = RANGE_SEC[range];
  return TIERS.find((t) => t.keepSec >= seconds)!;
}

export function slotsOf(tier: Tier): number {
  return tier.blockSec / tier.stepSec;
}
