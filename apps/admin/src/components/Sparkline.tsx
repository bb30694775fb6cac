import { sparklineArea, sparklinePath } from '../lib/sparkline';

/** A tiny line chart in plain SVG (no chart library); scales to its container's width. */
export function Sparkline({ values, label, height = 48 }: { values: readonly number[]; label: string; height?: number }) {
  const width = 240;
  return (
    <svg className="sparkline" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" role="img" aria-label={label}>
      <path className="sparkline-area" d={sparklineArea(values, width, height)} />
      <path className="sparkline-line" d={sparklinePath(values, width, height)} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
