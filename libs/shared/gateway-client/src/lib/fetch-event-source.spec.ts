import { describe, expect, it } from 'vitest';
import { FetchEventSource, type SourceEvent } from './fetch-event-source';

const encoder = new TextEncoder();

/** A fetch answering each call with the next scripted SSE body (sent in the given chunks). */
function scriptedFetch(bodies: string[][], seen: Array<Record<string, string>>, status = 200): typeof fetch {
  let call = 0;
  return (async (_url: string, init?: RequestInit) => {
    seen.push({ ...(init?.headers as Record<string, string>) });
    const chunks = bodies[call++] ?? [];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(encoder.encode(c));
        if (call <= bodies.length) controller.close();
      },
    });
    return new Response(body, { status, headers: { 'content-type': 'text/event-stream' } });
  }) as unknown as typeof fetch;
}

function collect(es: FetchEventSource, types: string[]): SourceEvent[] {
  const events: SourceEvent[] = [];
  for (const t of types) es.addEventListener(t, (e) => events.push(e));
  return events;
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
};

describe('FetchEventSource', () => {
  it('parses named events, multi-line data, ids and comments, across chunk and CRLF boundaries', async () => {
    const seen: Array<Record<string, string>> = [];
    const es = new FetchEventSource('http://x/sse', {
      headers: { authorization: 'Bearer t' },
      fetch: scriptedFetch([[': ping\r\n', 'event: connected\r', '\ndata: {"a":1}\r\n\r\n', 'id: $e1\ndata: line1\ndata: line2\n\n', 'data: no-id-change\n\n']], seen),
    });
    const events = collect(es, ['connected', 'message']);
    await until(() => events.length >= 3);
    es.close();
    expect(events).toEqual([
      { type: 'connected', data: '{"a":1}', lastEventId: '' },
      { type: 'message', data: 'line1\nline2', lastEventId: '$e1' },
      { type: 'message', data: 'no-id-change', lastEventId: '$e1' },
    ]);
    expect(seen[0]).toMatchObject({ authorization: 'Bearer t', accept: 'text/event-stream' });
  });

  it('reconnects after the stream ends, sending Last-Event-ID', async () => {
    const seen: Array<Record<string, string>> = [];
    const es = new FetchEventSource('http://x/sse', { fetch: scriptedFetch([['retry: 1\nid: $a\ndata: 1\n\n'], ['data: 2\n\n']], seen) });
    const events = collect(es, ['message']);
    await until(() => events.length >= 2);
    es.close();
    expect(events.map((e) => e.data)).toEqual(['1', '2']);
    expect(seen[1]?.['last-event-id']).toBe('$a');
  });

  it('a non-2xx answer closes it for good with an error event', async () => {
    const es = new FetchEventSource('http://x/sse', { fetch: scriptedFetch([[]], [], 404) });
    const errors = collect(es, ['error']);
    await until(() => errors.length > 0);
    expect(errors[0]).toMatchObject({ type: 'error', status: 404 });
    expect(es.readyState).toBe(es.CLOSED);
  });
});
