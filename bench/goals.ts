/**
 * One speed goal of issue 14 as a benchmark reports it: the measured figure, what it is compared with in the
 * same run, and whether the goal is met. `npm run bench` prints them as a table and collects them in
 * bench-results/summary.json so that a script can check them.
 */
export interface Goal {
  name: string;
  /** The figure the goal is about (a ratio, a time or a size). */
  value: number;
  unit: '×' | 'ms' | 'kB' | 'count';
  /** The goal as a person reads it, e.g. "≤ 1.2×". */
  goal: string;
  met: boolean;
  /** Labvisor's raw figure and the reference measured beside it, when `value` is their ratio. */
  labvisor?: string;
  reference?: string;
}

export const atMost = (
  name: string,
  value: number,
  limit: number,
  unit: Goal['unit'],
  extra: Pick<Goal, 'labvisor' | 'reference'> = {},
): Goal => ({ name, value, unit, goal: `≤ ${limit}${unit === '×' ? '×' : ' ' + unit}`, met: value <= limit, ...extra });

export const atLeast = (
  name: string,
  value: number,
  limit: number,
  unit: Goal['unit'],
  extra: Pick<Goal, 'labvisor' | 'reference'> = {},
): Goal => ({ name, value, unit, goal: `≥ ${limit}${unit === '×' ? '×' : ' ' + unit}`, met: value >= limit, ...extra });

export const below = (name: string, value: number, limit: number, unit: Goal['unit']): Goal => ({
  name,
  value,
  unit,
  goal: `< ${limit} ${unit}`,
  met: value < limit,
});

/** A fixed-width table: goal, figure, Labvisor vs reference, met. */
export function goalTable(goals: readonly Goal[]): string {
  const rows = goals.map((g) => [
    g.name,
    `${g.value}${g.unit === '×' ? '×' : ' ' + g.unit}`,
    g.labvisor && g.reference ? `${g.labvisor} vs ${g.reference}` : (g.labvisor ?? ''),
    g.goal,
    g.met ? 'met' : 'NOT MET',
  ]);
  const head = ['goal', 'value', 'labvisor vs reference', 'target', ''];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
