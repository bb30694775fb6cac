/**
 * An SVG path through `values`, left to right across `width`, scaled so the largest value
 * touches the top (with a floor of `minMax`, so a quiet minute stays near the bottom).
 */
export function sparklinePath(values: readonly number[], width: number, height: number, minMax = 1): string {
  if (values.length === 0) return '';
  const max = Math.max(minMax, ...values);
  const step = values.length === 1 ? 0 : width / (values.length - 1);
  const y = (v: number) => round(height - (v / max) * height);
  return values.map((v, i) => `${i === 0 ? 'M' : 'L'}${round(i * step)},${y(v)}`).join(' ');
}

/** The same line closed down to the baseline, for a filled area under it. */
export function sparklineArea(values: readonly number[], width: number, height: number, minMax = 1): string {
  const line = sparklinePath(values, width, height, minMax);
  if (!line) return '';
  const lastX = values.length === 1 ? 0 : width;
  return `${line} L${round(lastX)},${height} L0,${height} Z`;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
