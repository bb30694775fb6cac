import { ErrorNotice } from '../../components/ErrorNotice';
import { Id } from '../../components/Id';
import { Badge, Empty, Loading } from '../../components/Status';
import { formatTime, summarizeEvent } from '../../lib/format';
import { hrefOf } from '../../lib/route';
import { useLiveTimeline } from './use-live-timeline';

const STATE_TONE = { live: 'good', connecting: 'warn', error: 'bad', off: 'neutral' } as const;

/** The room's events, newest first, updating as events.onNew delivers them. */
export function LiveTimeline({ roomId, onStateEvent }: { roomId: string; onStateEvent?: () => void }) {
  const t = useLiveTimeline(roomId, onStateEvent);
  return (
    <div className="card">
      <div className="chart-head">
        <h2>Timeline</h2>
        <span data-testid="live-state">
          <Badge tone={STATE_TONE[t.live.state]}>{t.live.state}</Badge>
        </span>
      </div>
      <ErrorNotice error={t.first.error} onRetry={t.first.reload} />
      <ErrorNotice error={t.live.error} />
      {t.first.loading && t.events.length === 0 ? (
        <Loading label="Loading the timeline…" />
      ) : t.events.length === 0 ? (
        <Empty>No events in this room.</Empty>
      ) : (
        <ol className="timeline" aria-label="Timeline" aria-live="polite">
          {t.events.map((e) => (
            <li key={e.eventId} className={`event${e.stateKey !== null ? ' event-state' : ''}`} data-event-id={e.eventId}>
              <div className="event-meta">
                <time dateTime={new Date(e.originServerTs).toISOString()}>{formatTime(e.originServerTs)}</time>
                <code className="event-type">{e.type}</code>
                <a href={hrefOf({ page: 'event', eventId: e.eventId })} title="Open in the event inspector">
                  <Id value={e.eventId} keep={8} />
                </a>
              </div>
              <div className="event-body">
                <code className="sender">{e.sender}</code> <span className="event-text">{summarizeEvent(e)}</span>
              </div>
            </li>
          ))}
        </ol>
      )}
      {t.hasOlder && (
        <button type="button" className="btn btn-small" disabled={t.loadingOlder} onClick={t.loadOlder}>
          {t.loadingOlder ? 'Loading…' : 'Load older events'}
        </button>
      )}
      <ErrorNotice error={t.olderError} />
    </div>
  );
}
