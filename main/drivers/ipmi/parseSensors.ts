import type { HealthLevel, Sensor, SensorKind, SensorThresholds } from '../../../common/domain/bmc';

const num = (s: string | undefined): number | null => {
  if (s === undefined) return null;
  const n = Number(s.trim());
  return s.trim() === '' || !Number.isFinite(n) ? null : n;
};

function kindOf(name: string, unit: string): SensorKind {
  if (/PSU|power supply/i.test(name)) return 'psu';
  if (/degrees/i.test(unit)) return 'temperature';
  if (/RPM/i.test(unit)) return 'fan';
  if (/volts/i.test(unit)) return 'voltage';
  if (/amps/i.test(unit)) return 'current';
  if (/watts/i.test(unit)) return 'power';
  return 'other';
}

/** ipmitool's threshold status: ok, nc (non-critical), cr (critical), nr (non-recoverable), ns (no reading). */
function levelOf(status: string): HealthLevel {
  const s = status.toLowerCase();
  if (s === 'ok' || s.startsWith('0x')) return 'ok';
  if (s === 'nc') return 'warning';
  if (s === 'cr' || s === 'nr') return 'critical';
  return 'unknown';
}

/** Parses `ipmitool sensor list`: name | reading | unit | status | lnr | lc | lnc | unc | uc | unr. */
export function parseSensorList(stdout: string): Sensor[] {
  const sensors: Sensor[] = [];
  for (const line of stdout.split('\n')) {
    const f = line.split('|').map((c) => c.trim());
    if (f.length < 4 || !f[0]) continue;
    const [name, reading, unit = '', status = ''] = f;
    const thresholds: SensorThresholds = {
      lnr: num(f[4]),
      lc: num(f[5]),
      lnc: num(f[6]),
      unc: num(f[7]),
      uc: num(f[8]),
      unr: num(f[9]),
    };
    const discrete = unit === 'discrete';
    sensors.push({
      name: name!,
      kind: kindOf(name!, unit),
      reading: discrete ? null : num(reading),
      unit,
      level: levelOf(status),
      status,
      thresholds,
    });
  }
  return sensors;
}
