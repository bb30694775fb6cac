import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { sample } from './prometheus-text';

const SEND_ROUTE = '/_matrix/client/v3/rooms/:roomId/send/:eventType/:txnId';

/** GET /metrics: Prometheus text from this app's own registry. */
describe('/metrics (SQLite)', () => {
  let t: TestApp;
  let alice: TestUser;
  let roomId: string;
  let text: string;

  beforeAll(async () => {
    t = await startTestApp('sqlite', { env: { RATE_LIMIT_PER_SECOND: '0.001', RATE_LIMIT_BURST: '5' } });
    alice = await t.user('alice');
    roomId = await t.createRoom(alice);
    const send = (txn: string, payload: object, type = 'm.room.message') => t.as(alice, { method: 'PUT', url: sendPath(roomId, type, txn), payload });
    const target = (await send('m1', { msgtype: 'm.text', body: 'one' })).json().event_id as string;
    expect((await send('m1', { msgtype: 'm.text', body: 'one' })).statusCode).toBe(200); // dedupe hit
    const reaction = { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '👍' } };
    expect((await send('r1', reaction, 'm.reaction')).statusCode).toBe(200);
    expect((await send('r2', reaction, 'm.reaction')).json().errcode).toBe('M_DUPLICATE_ANNOTATION');
    for (let i = 0; i < 6; i++) await send(`burst${i}`, { msgtype: 'm.text', body: 'x' });
    await t.app.inject({ method: 'GET', url: '/no/such/path' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    text = res.body;
  });
  afterAll(async () => t.close());

  it('counts requests by route pattern and status, never by raw URL', () => {
    expect(sample(text, 'courier_http_requests_total', { method: 'PUT', route: SEND_ROUTE, status: '200' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'courier_http_requests_total', { method: 'PUT', route: SEND_ROUTE, status: '400' })).toBe(1);
    expect(sample(text, 'courier_http_requests_total', { method: 'PUT', route: SEND_ROUTE, status: '429' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'courier_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    expect(text).not.toContain(roomId);
    expect(text).not.toContain('/no/such/path');
  });

  it('has latency histograms per route', () => {
    expect(sample(text, 'courier_http_request_duration_seconds_count', { method: 'PUT', route: SEND_ROUTE })).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'courier_http_request_duration_seconds_bucket', { method: 'PUT', route: SEND_ROUTE, le: '+Inf' })).toBeGreaterThanOrEqual(5);
  });

  it('counts sends, txn dedupe hits, duplicate annotations and rate-limit rejects', () => {
    // createRoom's events are not sends; the bucket of 5 let m1, r1, r2 (refused later) and two more through.
    expect(sample(text, 'courier_send_events_total')).toBe(4);
    expect(sample(text, 'courier_send_txn_dedupe_hits_total')).toBe(1);
    expect(sample(text, 'courier_send_duplicate_annotations_total')).toBe(1);
    expect(sample(text, 'courier_send_rate_limited_total')).toBe(4);
  });

  it('times the event store (append covers the write transaction) and reports event-loop lag', () => {
    expect(sample(text, 'courier_db_query_duration_seconds_count', { operation: 'append' })).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'courier_db_query_duration_seconds_count', { operation: 'find_txn' })).toBeGreaterThanOrEqual(4);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_eventloop_lag_p99_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('keeps one registry per app: a second app in this process starts from zero', async () => {
    const other = await startTestApp('sqlite');
    try {
      const res = await other.app.inject({ method: 'GET', url: '/metrics' });
      expect(sample(res.body, 'courier_send_events_total')).toBe(0);
      expect(sample(res.body, 'courier_http_requests_total', { method: 'PUT', route: SEND_ROUTE, status: '200' })).toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
