import type { SeriesPoints } from '../../../../common/contract/metrics';

/** uPlot's columnar data: x (unix seconds) then one y column per series; null draws a gap. */
export type Columns = [number[], ...(number | null)[][]];

/**
 * Aligns series on their union of timestamps, and breaks the line where samples are missing for more than three
 * typical steps (an outage shows as a gap, not as a straight line across it).
 */
export function toColumns(series: SeriesPoints[], keys: string[]): Columns {
  const byKey = keys.map((k) => new Map((series.find((s) => s.key === k)?.points ?? []).map((p) => [p[0], p[1]])));
  const times = [...new Set(byKey.flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  const steps = times.slice(1).map((t, i) => t - times[i]!);
  const typical = steps.length ? [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)]! : 0;
  const xs: number[] = [];
  const ys: (number | null)[][] = keys.map(() => []);
  times.forEach((t, i) => {
    if (i > 0 && typical > 0 && t - times[i - 1]! > 3 * typical) {
      xs.push((t + times[i - 1]!) / 2);
      ys.forEach((col) => col.push(null));
    }
    xs.push(t);
    byKey.forEach((m, j) => ys[j]!.push(m.get(t) ?? null));
  });
  return [xs, ...ys];
}

/** Appends one live sample and drops what fell out of the window. */
export function appendSample(
  cols: Columns,
  keys: string[],
  t: number,
  values: Record<string, number>,
  windowSec: number,
): Columns {
  const [xs, ...ys] = cols;
  const from = t - windowSec;
  const keep = xs.findIndex((x) => x > from);
  const start = keep < 0 ? xs.length : keep;
  return [[...xs.slice(start), t], ...ys.map((col, j) => [...col.slice(start), values[keys[j]!] ?? null])] as Columns;
}
