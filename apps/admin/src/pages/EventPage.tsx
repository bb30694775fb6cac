import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { Loading } from '../components/Status';
import { useApp } from '../lib/app-context';
import { formatTime, prettyJson } from '../lib/format';
import { useLoad } from '../lib/hooks';
import { hrefOf } from '../lib/route';
import { EventRelations } from './EventRelations';

/** The event inspector: the full PDU as JSON, what relates to it, and its annotations by key. */
export function EventPage({ eventId }: { eventId: string }) {
  const { gateway } = useApp();
  const ev = useLoad(() => gateway.events.get.query({ eventId }), [gateway, eventId]);
  const e = ev.data;
  return (
    <section>
      <p className="crumbs">
        <a href={hrefOf({ page: 'rooms' })}>Rooms</a> /{' '}
        {e && (
          <>
            <a href={hrefOf({ page: 'room', roomId: e.roomId })}>{e.roomId}</a> /
          </>
        )}
      </p>
      <div className="page-head">
        <h1>Event</h1>
        <EventLookup />
      </div>
      <ErrorNotice error={ev.error} onRetry={ev.reload} />
      {ev.loading && !e ? (
        <Loading />
      ) : e ? (
        <>
          <dl className="facts card">
            <dt>Event ID</dt>
            <dd>
              <code className="id-full" data-testid="inspected-event">
                {e.eventId}
              </code>
            </dd>
            <dt>Type</dt>
            <dd>
              <code>{e.type}</code>
              {e.stateKey !== null && (
                <>
                  {' '}
                  state key <code>{JSON.stringify(e.stateKey)}</code>
                </>
              )}
            </dd>
            <dt>Sender</dt>
            <dd>
              <code>{e.sender}</code>
            </dd>
            <dt>Sent</dt>
            <dd>{formatTime(e.originServerTs)}</dd>
            <dt>Stream position</dt>
            <dd>{e.stream}</dd>
            {e.redactedBy && (
              <>
                <dt>Redacted by</dt>
                <dd>
                  <a href={hrefOf({ page: 'event', eventId: e.redactedBy })}>{e.redactedBy}</a>
                </dd>
              </>
            )}
          </dl>
          <EventRelations relations={e.relations} annotations={e.annotations} />
          <div className="card">
            <h2>PDU</h2>
            <pre className="json" data-testid="pdu">
              {prettyJson(e.pdu)}
            </pre>
          </div>
        </>
      ) : null}
    </section>
  );
}

function EventLookup() {
  const [id, setId] = useState('');
  const go = (e: FormEvent) => {
    e.preventDefault();
    if (id.trim()) window.location.hash = hrefOf({ page: 'event', eventId: id.trim() });
  };
  return (
    <form className="lookup" onSubmit={go} aria-label="Open an event by ID">
      <input placeholder="$event_id" value={id} onChange={(e) => setId(e.target.value)} />
      <button type="submit" className="btn btn-small">
        Open
      </button>
    </form>
  );
}
