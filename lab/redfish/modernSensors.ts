import type { BmcMachine } from './bmcMachine';
import type { Resource } from './resourceTree';

type Link = (path: string) => { '@odata.id': string };

const enabled = (health: string) => ({ State: 'Enabled', Health: health });
const reading = (value: number | null) => (value === null ? undefined : { Reading: value });

/**
 * The newer sensor model (Sensor v1.x, ThermalSubsystem, PowerSubsystem, EnvironmentMetrics; DMTF DSP8010 2020.4+)
 * with the same machine readings the legacy Thermal/Power resources show: temperatures, the voltage and the
 * consumption in `Sensors`, fans only in `ThermalSubsystem/Fans`, supplies only in `PowerSubsystem/PowerSupplies`,
 * as OpenBMC lays them out. Collections list links only; the service expands them on `$expand`.
 */
export function addModernSensors(tree: Map<string, Resource>, link: Link, machine: BmcMachine, chassis: string): void {
  const add = (path: string, get: () => unknown) => tree.set(path, { get });
  const collection = (path: string, name: string, ids: string[]) =>
    add(path, () => ({
      '@odata.id': path,
      Name: name,
      Members: ids.map((id) => link(`${path}/${id}`)),
      'Members@odata.count': ids.length,
    }));

  const sensors = `${chassis}/Sensors`;
  const sensorResources: Record<string, () => Record<string, unknown>> = {};
  machine.temperatures.forEach((t, i) => {
    sensorResources[`temperature_${i}`] = () => ({
      Name: t.name,
      ReadingType: 'Temperature',
      Reading: t.reading,
      ReadingUnits: 'Cel',
      Thresholds: {
        UpperCaution: reading(t.upperNonCritical),
        UpperCritical: reading(t.upperCritical),
        UpperFatal: reading(t.upperFatal),
      },
      Status: enabled(
        t.reading >= t.upperCritical ? 'Critical' : t.reading >= (t.upperNonCritical ?? Infinity) ? 'Warning' : 'OK',
      ),
    });
  });
  sensorResources.voltage_cpu1_vcore = () => ({
    Name: 'CPU1 VCORE',
    ReadingType: 'Voltage',
    Reading: 1.8,
    ReadingUnits: 'V',
    Thresholds: { LowerCritical: { Reading: 1.6 }, UpperCritical: { Reading: 2.0 } },
    Status: enabled('OK'),
  });
  sensorResources.power_total = () => ({
    Name: 'Total Power',
    ReadingType: 'Power',
    Reading: 142,
    ReadingUnits: 'W',
    Status: enabled('OK'),
  });
  collection(sensors, 'Sensors', Object.keys(sensorResources));
  for (const [id, body] of Object.entries(sensorResources))
    add(`${sensors}/${id}`, () => ({
      '@odata.type': '#Sensor.v1_7_0.Sensor',
      '@odata.id': `${sensors}/${id}`,
      Id: id,
      ...body(),
    }));

  const thermal = `${chassis}/ThermalSubsystem`;
  add(thermal, () => ({
    '@odata.type': '#ThermalSubsystem.v1_1_0.ThermalSubsystem',
    '@odata.id': thermal,
    Fans: link(`${thermal}/Fans`),
    ThermalMetrics: link(`${thermal}/ThermalMetrics`),
    Status: enabled('OK'),
  }));
  const fanIds = ['1', '2', '3'];
  collection(`${thermal}/Fans`, 'Fans', fanIds);
  for (const id of fanIds)
    add(`${thermal}/Fans/${id}`, () => ({
      '@odata.type': '#Fan.v1_4_0.Fan',
      '@odata.id': `${thermal}/Fans/${id}`,
      Id: id,
      Name: `Fan ${id}`,
      SpeedPercent: { Reading: 30 + Number(id), SpeedRPM: 5400 + Number(id) * 120 },
      Status: enabled('OK'),
    }));
  add(`${thermal}/ThermalMetrics`, () => ({
    '@odata.id': `${thermal}/ThermalMetrics`,
    TemperatureReadingsCelsius: machine.temperatures.map((t, i) => ({
      DataSourceUri: `${sensors}/temperature_${i}`,
      DeviceName: t.name,
      Reading: t.reading,
    })),
  }));

  const power = `${chassis}/PowerSubsystem`;
  add(power, () => ({
    '@odata.type': '#PowerSubsystem.v1_1_0.PowerSubsystem',
    '@odata.id': power,
    CapacityWatts: 1000,
    PowerSupplies: link(`${power}/PowerSupplies`),
    Status: enabled('Warning'),
  }));
  const supplies = [
    { id: '0', watts: 71, health: 'OK' },
    // The second supply has lost its AC input, as on the legacy shapes.
    { id: '1', watts: 0, health: 'Warning' },
  ];
  collection(
    `${power}/PowerSupplies`,
    'Power Supplies',
    supplies.map((s) => s.id),
  );
  for (const s of supplies) {
    const path = `${power}/PowerSupplies/${s.id}`;
    add(path, () => ({
      '@odata.type': '#PowerSupply.v1_5_0.PowerSupply',
      '@odata.id': path,
      Id: s.id,
      Name: `PSU ${s.id}`,
      PowerCapacityWatts: 500,
      Metrics: link(`${path}/Metrics`),
      Status: enabled(s.health),
    }));
    add(`${path}/Metrics`, () => ({
      '@odata.type': '#PowerSupplyMetrics.v1_0_1.PowerSupplyMetrics',
      '@odata.id': `${path}/Metrics`,
      OutputPowerWatts: { Reading: s.watts },
    }));
  }

  add(`${chassis}/EnvironmentMetrics`, () => ({
    '@odata.type': '#EnvironmentMetrics.v1_3_0.EnvironmentMetrics',
    '@odata.id': `${chassis}/EnvironmentMetrics`,
    PowerWatts: { DataSourceUri: `${sensors}/power_total`, Reading: 142 },
    TemperatureCelsius: { DataSourceUri: `${sensors}/temperature_0`, Reading: machine.temperatures[0]?.reading },
  }));
}
