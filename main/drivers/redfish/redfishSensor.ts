import type { HealthLevel, Sensor, SensorKind, SensorThresholds } from '../../../common/domain/bmc';

type Json = Record<string, unknown>;

export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const LEVEL_RANK: Record<HealthLevel, number> = { unknown: 0, ok: 1, warning: 2, critical: 3 };
const HEALTH: Record<string, HealthLevel> = { OK: 'ok', Warning: 'warning', Critical: 'critical' };

/** The legacy Thermal/Power schemas' flat threshold properties. */
function legacyThresholds(item: Json): SensorThresholds {
  return {
    lnr: num(item.LowerThresholdFatal),
    lc: num(item.LowerThresholdCritical),
    lnc: num(item.LowerThresholdNonCritical),
    unc: num(item.UpperThresholdNonCritical),
    uc: num(item.UpperThresholdCritical),
    unr: num(item.UpperThresholdFatal),
  };
}

/** The Sensor schema's `Thresholds` object (`{UpperCritical: {Reading}}`...), Caution being IPMI's non-critical. */
export function sensorThresholds(item: Json): SensorThresholds {
  const t = (item.Thresholds ?? {}) as Record<string, { Reading?: unknown } | undefined>;
  return {
    lnr: num(t.LowerFatal?.Reading),
    lc: num(t.LowerCritical?.Reading),
    lnc: num(t.LowerCaution?.Reading),
    unc: num(t.UpperCaution?.Reading),
    uc: num(t.UpperCritical?.Reading),
    unr: num(t.UpperFatal?.Reading),
  };
}

/** The level a reading is at by its thresholds; a BMC's Health may lag behind, so the worse of both is shown. */
function thresholdLevel(reading: number | null, t: SensorThresholds): HealthLevel {
  if (reading === null) return 'unknown';
  const above = (limit: number | null) => limit !== null && reading >= limit;
  const below = (limit: number | null) => limit !== null && reading <= limit;
  if (above(t.uc) || above(t.unr) || below(t.lc) || below(t.lnr)) return 'critical';
  if (above(t.unc) || below(t.lnc)) return 'warning';
  return 'ok';
}

/** One reading with its level: the worse of the BMC's own Health and what the thresholds say. */
export function sensor(
  name: string,
  kind: SensorKind,
  item: Json,
  reading: unknown,
  unit: string,
  thresholds: SensorThresholds = legacyThresholds(item),
): Sensor {
  const status = (item.Status ?? {}) as { State?: string; Health?: string };
  const absent = status.State === 'Absent';
  const value = absent ? null : num(reading);
  const byHealth = HEALTH[status.Health ?? ''] ?? 'unknown';
  const byThreshold = thresholdLevel(value, thresholds);
  const level = absent ? 'unknown' : LEVEL_RANK[byThreshold] > LEVEL_RANK[byHealth] ? byThreshold : byHealth;
  return {
    name,
    kind,
    reading: value,
    unit,
    level,
    status: absent ? 'Absent' : (status.Health ?? 'unknown'),
    thresholds,
  };
}

export const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
