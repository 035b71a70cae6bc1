/**
 * A tiny line of the last few minutes (0–100 %), cheap enough for every row of a 60-VM table. `series` names it
 * and exposes its data (`data-points`, `data-last`) for tests and tools, as the charts do.
 */
export function Sparkline({ values, label, series }: { values: number[]; label: string; series?: string }) {
  const data = series
    ? { 'data-series': series, 'data-points': values.length, 'data-last': values.at(-1)?.toFixed(1) ?? '' }
    : {};
  if (values.length < 2) return <span className="sparkline-empty" aria-label={label} {...data} />;
  const w = 60;
  const h = 16;
  const points = values
    .map(
      (v, i) =>
        `${((i / (values.length - 1)) * w).toFixed(1)},${(h - (Math.min(100, Math.max(0, v)) / 100) * h).toFixed(1)}`,
    )
    .join(' ');
  return (
    <svg
      className={`sparkline${series ? ` sparkline-${series}` : ''}`}
      width={w}
      height={h}
      viewBox={`0 0 ${w} ${h}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
      {...data}
    >
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="1.2" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
