import type { HealthLevel, Sensor, SensorKind, SensorThresholds } from '../../../common/domain/bmc';
import type { RedfishClient } from './redfishClient';
import { odataId, type RedfishDiscovery } from './redfishDiscovery';

type Json = Record<string, unknown>;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const LEVEL_RANK: Record<HealthLevel, number> = { unknown: 0, ok: 1, warning: 2, critical: 3 };
const HEALTH: Record<string, HealthLevel> = { OK: 'ok', Warning: 'warning', Critical: 'critical' };

function thresholdsOf(item: Json): SensorThresholds {
  return {
    lnr: num(item.LowerThresholdFatal),
    lc: num(item.LowerThresholdCritical),
    lnc: num(item.LowerThresholdNonCritical),
    unc: num(item.UpperThresholdNonCritical),
    uc: num(item.UpperThresholdCritical),
    unr: num(item.UpperThresholdFatal),
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

function sensor(name: string, kind: SensorKind, item: Json, reading: unknown, unit: string): Sensor {
  const status = (item.Status ?? {}) as { State?: string; Health?: string };
  const absent = status.State === 'Absent';
  const value = absent ? null : num(reading);
  const thresholds = thresholdsOf(item);
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

const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);

/** Temperatures, fans, voltages, power supplies and consumption from the chassis' Thermal and Power resources. */
export async function readSensors(client: RedfishClient, d: RedfishDiscovery): Promise<Sensor[]> {
  if (!d.chassisPath) return [];
  const chassis = await client.get(d.chassisPath);
  const thermalPath = odataId(chassis.Thermal);
  const powerPath = odataId(chassis.Power);
  const [thermal, power] = await Promise.all([
    thermalPath ? client.get(thermalPath) : Promise.resolve({} as Json),
    powerPath ? client.get(powerPath) : Promise.resolve({} as Json),
  ]);
  return [
    ...list(thermal.Temperatures).map((t, i) =>
      sensor(String(t.Name ?? `Temperature ${i + 1}`), 'temperature', t, t.ReadingCelsius, 'degrees C'),
    ),
    // iLO 4 predates `Name`/`Reading` on fans: it has `FanName`, `CurrentReading` and `Units`.
    ...list(thermal.Fans).map((f, i) => {
      const units = String(f.ReadingUnits ?? f.Units ?? 'RPM');
      return sensor(
        String(f.Name ?? f.FanName ?? `Fan ${i + 1}`),
        'fan',
        f,
        f.Reading ?? f.CurrentReading,
        units === 'Percent' ? 'percent' : units,
      );
    }),
    ...list(power.Voltages).map((v, i) =>
      sensor(String(v.Name ?? `Voltage ${i + 1}`), 'voltage', v, v.ReadingVolts, 'Volts'),
    ),
    // Supplies often share one generic name (iLO: "HpServerPowerSupply"), so they are numbered instead.
    ...list(power.PowerSupplies).map((p, i) =>
      sensor(`Power Supply ${i + 1}`, 'psu', p, p.LastPowerOutputWatts, 'Watts'),
    ),
    ...list(power.PowerControl).map((p, i) =>
      sensor(i === 0 ? 'Power Consumption' : `Power Consumption ${i + 1}`, 'power', p, p.PowerConsumedWatts, 'Watts'),
    ),
  ];
}
