import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runCourierCli, spawnCourier, type CourierProcess } from '@courier/tools/process';
import { ownPostgresAvailable, startOwnPostgres, type OwnPostgres } from '@courier/server-testing';

/**
 * Two Courier processes (`main.ts`, as `npm start` runs it) on a PostgreSQL of the test's own,
 * and a fault driven into each kind of connection they hold from outside, with
 * pg_terminate_backend or by stopping PostgreSQL: idle pooled connections, the LISTEN
 * connections, a connection in the middle of a query, and all of them at once. After each, both
 * processes are alive, the request that met the fault got a 503 with Retry-After (never a 500),
 * and sends and cross-instance /sync wake-ups work again. (A connection held inside a
 * transaction between two statements is driven in-process: libs/server/data-access
 * pg-connection-faults.db.spec.ts.)
 */
describe.skipIf(!ownPostgresAvailable())('two Courier processes through PostgreSQL faults', { timeout: 120_000 }, () => {
  let postgres: OwnPostgres;
  let databaseUrl: string;
  let a: CourierProcess;
  let b: CourierProcess;
  let token: string;
  let roomId: string;
  let since: string;

  const auth = () => ({ authorization: `Bearer ${token}` });
  const put = (server: CourierProcess, txnId: string) =>
    fetch(`${server.url}/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/${txnId}`, {
      method: 'PUT',
      headers: auth(),
      body: JSON.stringify({ msgtype: 'm.text', body: txnId }),
    });
  const status = async (server: CourierProcess, path: string) => (await fetch(`${server.url}${path}`, { headers: auth() })).status;
  const alive = () => expect([a.child.exitCode, b.child.exitCode], `${a.output()}\n${b.output()}`).toEqual([null, null]);
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 600; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  /** Sends on B while A long-polls /sync; A must wake with the event (a timed-out sync would return without it). */
  async function syncOnAWakesForSendOnB(txnId: string, beforeSend: () => Promise<unknown> = async () => undefined): Promise<void> {
    // Catch up first, so the long-poll has nothing to return until B's send.
    const caughtUp = await fetch(`${a.url}/_matrix/client/v3/sync?since=${encodeURIComponent(since)}&timeout=0`, { headers: auth() });
    since = ((await caughtUp.json()) as { next_batch: string }).next_batch;
    const polling = fetch(`${a.url}/_matrix/client/v3/sync?since=${encodeURIComponent(since)}&timeout=90000`, { headers: auth() });
    await new Promise((r) => setTimeout(r, 300));
    await beforeSend();
    let sent: Response | undefined;
    await until('the send on B', async () => (sent = await put(b, txnId)).status === 200);
    const eventId = ((await sent?.json()) as { event_id: string }).event_id;
    const res = await polling;
    expect(res.status).toBe(200);
    const body = (await res.json()) as { next_batch: string; rooms?: { join?: Record<string, { timeline: { events: Array<{ event_id: string }> } }> } };
    expect(body.rooms?.join?.[roomId]?.timeline.events.map((e) => e.event_id)).toContain(eventId);
    since = body.next_batch;
  }

  beforeAll(async () => {
    postgres = await startOwnPostgres();
    databaseUrl = await postgres.createDatabase('faults');
    const env = { DATABASE_URL: databaseUrl, SERVER_NAME: 'faults.local' };
    const created = await runCourierCli(['create-user', 'alice', '--password', 'pw'], env);
    token = (JSON.parse(created.stdout) as { access_token: string }).access_token;
    [a, b] = await Promise.all([spawnCourier(env, await freePort(), { readyPath: '/ready' }), spawnCourier(env, await freePort(), { readyPath: '/ready' })]);
    roomId = ((await (await fetch(`${a.url}/_matrix/client/v3/createRoom`, { method: 'POST', headers: auth(), body: '{}' })).json()) as { room_id: string }).room_id;
    since = ((await (await fetch(`${a.url}/_matrix/client/v3/sync`, { headers: auth() })).json()) as { next_batch: string }).next_batch;
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await postgres?.destroy();
  });

  it('idle pooled connections terminated: dropped and replaced', async () => {
    await syncOnAWakesForSendOnB('idle-warm');
    expect(await postgres.terminate(`application_name = 'courier' AND state = 'idle'`)).toBeGreaterThan(0);
    await syncOnAWakesForSendOnB('after-idle');
    alive();
  });

  it('the LISTEN connections terminated: they listen again, and A still wakes for a send on B', async () => {
    await syncOnAWakesForSendOnB('after-listen', () => postgres.terminate(`application_name = 'courier-listen'`));
    await until('both to listen again', async () => (await postgres.backends(`application_name = 'courier-listen'`)).length === 2);
    await syncOnAWakesForSendOnB('after-relisten');
    alive();
  });

  it('a connection terminated in the middle of a query: that send is 503 with Retry-After, its retry is one event', async () => {
    // B wrote the room last, so A's next sends take the careful path (BEGIN, lock the room, …):
    // the terminated connection is then held inside a transaction, as in the crash reported.
    expect((await put(b, 'mid-query-b')).status).toBe(200);
    expect((await put(a, 'mid-query-a')).status).toBe(200);
    const locker = new pg.Client({ connectionString: databaseUrl, application_name: 'test-locker' });
    await locker.connect();
    let first: Response;
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM rooms WHERE room_id = $1 FOR UPDATE', [roomId]);
      const sending = put(a, 'mid-query');
      await until('the send to wait on the room lock', async () => (await postgres.backends(`application_name = 'courier' AND wait_event_type = 'Lock'`)).length === 1);
      expect(await postgres.terminate(`application_name = 'courier' AND wait_event_type = 'Lock'`)).toBe(1);
      first = await sending;
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(await first.json()).toEqual({ errcode: 'M_UNKNOWN', error: 'The database is unavailable; try again shortly' });
    const retried = await put(a, 'mid-query');
    expect(retried.status).toBe(200);
    const again = await put(b, 'mid-query');
    expect(((await again.json()) as { event_id: string }).event_id).toBe(((await retried.json()) as { event_id: string }).event_id);
    alive();
  });

  it('PostgreSQL stopped: 503 with Retry-After at once, /ready 503, /health 200; when it is back, everything works', async () => {
    await postgres.stop('fast');
    try {
      const refused = await put(a, 'while-down');
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('1');
      expect(await status(b, `/_matrix/client/v3/sync?timeout=0`)).toBe(503);
      expect([await status(a, '/ready'), await status(b, '/ready')]).toEqual([503, 503]);
      expect([await status(a, '/health'), await status(b, '/health')]).toEqual([200, 200]);
    } finally {
      await postgres.start();
    }
    await until('both ready again', async () => (await status(a, '/ready')) === 200 && (await status(b, '/ready')) === 200);
    expect((await put(a, 'while-down')).status).toBe(200);
    await until('both to listen again', async () => (await postgres.backends(`application_name = 'courier-listen'`)).length === 2);
    await syncOnAWakesForSendOnB('after-restart');
    alive();
  });
});
