import { useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Sparkline } from '../components/Sparkline';
import { Badge } from '../components/Status';
import { useNow } from '../lib/hooks';
import { perSecond, pruneArrivals } from '../lib/rate';
import { useNewEvents } from '../lib/use-new-events';

const WINDOW_S = 60;

/** Sends per second over the last minute, counted from the live events.onNew stream. */
export function SendsChart() {
  const [arrivals, setArrivals] = useState<number[]>([]);
  const now = useNow(1_000);
  const live = useNewEvents({ enabled: true }, () => setArrivals((a) => [...pruneArrivals(a, Date.now(), WINDOW_S), Date.now()]));
  const series = perSecond(arrivals, now, WINDOW_S);
  const current = series[series.length - 2] ?? 0;
  const peak = Math.max(0, ...series);
  const total = series.reduce((a, b) => a + b, 0);
  return (
    <div className="card chart">
      <div className="chart-head">
        <h2>Sends per second</h2>
        <Badge tone={live.state === 'live' ? 'good' : live.state === 'error' ? 'bad' : 'warn'}>{live.state}</Badge>
      </div>
      <Sparkline values={series} label={`Sends per second over the last ${WINDOW_S} seconds`} />
      <div className="chart-foot muted">
        <span>last {WINDOW_S} s</span>
        <span>
          now <strong>{current}</strong>/s · peak <strong>{peak}</strong>/s · <strong data-testid="sends-seen">{total}</strong> seen
        </span>
      </div>
      <ErrorNotice error={live.error} />
    </div>
  );
}
