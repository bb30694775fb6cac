import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Status';
import { useApp } from '../lib/app-context';
import { formatCount } from '../lib/format';
import { useInterval, useLoad } from '../lib/hooks';
import { SendsChart } from './SendsChart';

const POLL_MS = 3_000;

/** Counts from stats.overview (polled) and a live chart of sends per second (events.onNew). */
export function OverviewPage() {
  const { gateway } = useApp();
  const stats = useLoad(() => gateway.stats.overview.query(), [gateway]);
  useInterval(stats.reload, POLL_MS);
  const cards: Array<[string, number | undefined]> = [
    ['Users', stats.data?.users],
    ['Rooms', stats.data?.rooms],
    ['Events', stats.data?.events],
    ['Events in the last minute', stats.data?.eventsLastMinute],
  ];
  return (
    <section>
      <h1>Overview</h1>
      <ErrorNotice error={stats.error} onRetry={stats.reload} />
      {stats.loading && !stats.data && !stats.error ? (
        <Loading />
      ) : (
        <div className="stats">
          {cards.map(([label, value]) => (
            <div className="card stat" key={label} data-stat={label}>
              <div className="stat-value">{value === undefined ? '—' : formatCount(value)}</div>
              <div className="stat-label">{label}</div>
            </div>
          ))}
        </div>
      )}
      <SendsChart />
    </section>
  );
}
