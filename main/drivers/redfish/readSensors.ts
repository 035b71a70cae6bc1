import type { Sensor, SensorKind } from '../../../common/domain/bmc';
import type { RedfishClient } from './redfishClient';
import { linksOf, odataId, type RedfishDiscovery } from './redfishDiscovery';
import type { SensorReadOptions } from '../bmcReader';
import { readMembers } from './readCollection';
import { list, num, sensor, sensorThresholds } from './redfishSensor';

type Json = Record<string, unknown>;

/** The Sensor schema's ReadingType → our kind and the unit shown (ReadingUnits are UCUM: `Cel`, `V`, `W`). */
const READING_TYPES: Record<string, [SensorKind, string]> = {
  Temperature: ['temperature', 'degrees C'],
  Voltage: ['voltage', 'Volts'],
  Power: ['power', 'Watts'],
  Current: ['current', 'Amps'],
  Rotational: ['fan', 'RPM'],
};

/**
 * Temperatures, fans, voltages, power supplies and consumption. The newer model (Chassis `Sensors`,
 * `ThermalSubsystem`, `PowerSubsystem`, `EnvironmentMetrics`) is preferred where the chassis has it; the
 * deprecated `Thermal` and `Power` resources are read when it gives nothing (iLO 4/5, older firmware).
 */
export async function readSensors(
  client: RedfishClient,
  d: RedfishDiscovery,
  opts: SensorReadOptions = {},
): Promise<Sensor[]> {
  if (!d.chassisPath) return [];
  const chassis = await linksOf(client, d, d.chassisPath);
  const modern = await readModernSensors(client, d, chassis, opts);
  return modern.length ? modern : readLegacySensors(client, chassis);
}

async function readModernSensors(
  client: RedfishClient,
  d: RedfishDiscovery,
  chassis: Json,
  opts: SensorReadOptions,
): Promise<Sensor[]> {
  const sensorsPath = odataId(chassis.Sensors);
  const sensors = (sensorsPath ? await readMembers(client, d, sensorsPath) : []).map((s, i) => {
    const fan = s.ReadingType === 'Percent' && /fan/i.test(String(s.Name ?? s.Id ?? ''));
    const [kind, unit] = fan ? (['fan', 'percent'] as const) : (READING_TYPES[String(s.ReadingType)] ?? ['other', '']);
    const units = typeof s.ReadingUnits === 'string' && kind === 'other' ? s.ReadingUnits : unit;
    return sensor(String(s.Name ?? s.Id ?? `Sensor ${i + 1}`), kind, s, s.Reading, units, sensorThresholds(s));
  });
  const has = (kind: SensorKind) => sensors.some((s) => s.kind === kind);

  const thermalPath = odataId(chassis.ThermalSubsystem);
  const fansPath = thermalPath && !has('fan') ? odataId((await linksOf(client, d, thermalPath)).Fans) : null;
  for (const [i, f] of (fansPath ? await readMembers(client, d, fansPath) : []).entries()) {
    const speed = (f.SpeedPercent ?? {}) as Json;
    const rpm = num(speed.SpeedRPM);
    sensors.push(
      sensor(
        String(f.Name ?? `Fan ${i + 1}`),
        'fan',
        f,
        rpm ?? speed.Reading,
        rpm === null ? 'percent' : 'RPM',
        sensorThresholds(speed),
      ),
    );
  }

  const powerPath = odataId(chassis.PowerSubsystem);
  const suppliesPath = powerPath ? odataId((await linksOf(client, d, powerPath)).PowerSupplies) : null;
  for (const [i, p] of (suppliesPath ? await readMembers(client, d, suppliesPath) : []).entries()) {
    // A supply's level is in its own Status; its output (one more request each) only where readings are shown.
    const metricsPath = opts.levelsOnly ? null : odataId(p.Metrics);
    const metrics = metricsPath ? await client.get(metricsPath) : {};
    const output = (metrics.OutputPowerWatts ?? {}) as Json;
    // Supplies often share one generic name, so they are numbered, as from the legacy Power resource.
    sensors.push(sensor(`Power Supply ${i + 1}`, 'psu', p, output.Reading, 'Watts'));
  }

  const environmentPath = has('power') ? null : odataId(chassis.EnvironmentMetrics);
  if (environmentPath) {
    const watts = ((await client.get(environmentPath)).PowerWatts ?? {}) as Json;
    if (num(watts.Reading) !== null) sensors.push(sensor('Power Consumption', 'power', {}, watts.Reading, 'Watts'));
  }
  return sensors;
}

async function readLegacySensors(client: RedfishClient, chassis: Json): Promise<Sensor[]> {
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
