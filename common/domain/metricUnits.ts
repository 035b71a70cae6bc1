/** What a metric's numbers mean, from its name (the part of a series key before `{`). */
type MetricUnit = 'percent' | 'bytes' | 'bytesPerSec' | 'perSec' | 'seconds' | 'plain';

function unitOf(key: string): MetricUnit {
  const name = key.split('{')[0]!;
  if (/percent|Percent/.test(name) || name.startsWith('psi.') || /^cpu\.(user|system|iowait|steal)$/.test(name))
    return 'percent';
  if (name.endsWith('Bps')) return 'bytesPerSec';
  if (name.endsWith('Bytes')) return 'bytes';
  if (name.endsWith('Ops')) return 'perSec';
  if (name.endsWith('seconds')) return 'seconds';
  return 'plain';
}

const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

function bytes(v: number): string {
  let i = 0;
  let x = Math.abs(v);
  while (x >= 1024 && i < BINARY.length - 1) {
    x /= 1024;
    i++;
  }
  return `${v < 0 ? '-' : ''}${x >= 100 || i === 0 ? x.toFixed(0) : x.toFixed(1)} ${BINARY[i]}`;
}

function duration(s: number): string {
  if (s < 120) return `${s.toFixed(0)} s`;
  if (s < 7200) return `${(s / 60).toFixed(0)} min`;
  if (s < 172800) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

/** A value as a person reads it: `42.5 %`, `1.2 GiB`, `3.4 MiB/s`, `5.2 d`. */
export function formatMetric(key: string, value: number): string {
  if (!Number.isFinite(value)) return '–';
  switch (unitOf(key)) {
    case 'percent':
      return `${value.toFixed(1)} %`;
    case 'bytes':
      return bytes(value);
    case 'bytesPerSec':
      return `${bytes(value)}/s`;
    case 'perSec':
      return `${value < 10 ? value.toFixed(1) : value.toFixed(0)}/s`;
    case 'seconds':
      return duration(value);
    default:
      return Number.isInteger(value) ? String(value) : value.toFixed(2);
  }
}
