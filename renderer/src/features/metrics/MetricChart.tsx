import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatMetric } from '../../../../common/domain/metricUnits';
import type { Columns } from './chartData';

/** Readable on both the light and the dark panel. */
const COLOURS = ['#2f81f7', '#e8590c', '#2f9e44', '#ae3ec9'];

export interface MetricChartProps {
  /** For tests and screen readers: what the chart shows. */
  id: string;
  title: string;
  keys: string[];
  labels: string[];
  data: Columns;
  height?: number;
}

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/**
 * One uPlot chart: drag to zoom, double-click to reset, values on hover in the legend, units from the series key.
 * The data it draws is mirrored on the element (`data-points`, `data-last`) so tests check data, not pixels.
 */
export function MetricChart({ id, title, keys, labels, data, height = 180 }: MetricChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = keys.join('|');

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const fmt = (v: number | null) => (v === null ? '–' : formatMetric(keys[0]!, v));
    const axis = { stroke: cssVar('--muted'), grid: { stroke: cssVar('--border'), width: 1 }, ticks: { show: false } };
    const opts: uPlot.Options = {
      width: el.clientWidth || 480,
      height,
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: true } },
      axes: [axis, { ...axis, size: 70, values: (_u, splits) => splits.map((v) => fmt(v)) }],
      series: [
        {},
        ...labels.map((label, i) => ({
          label,
          stroke: COLOURS[i % COLOURS.length]!,
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) => fmt(v),
        })),
      ],
    };
    plot.current = new uPlot(opts, data as uPlot.AlignedData, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Rebuilt only when the set of series changes; new data goes through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, height]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  const last = [...(data[1] ?? [])].reverse().find((v) => v !== null);
  return (
    <figure className="metric-chart" data-chart={id} data-points={data[0].length} data-last={last ?? ''}>
      <figcaption>
        {title}
        {last !== undefined && last !== null && (
          <span className="metric-chart-last">{formatMetric(keys[0]!, last)}</span>
        )}
      </figcaption>
      <div ref={host} className="metric-chart-plot" />
    </figure>
  );
}
