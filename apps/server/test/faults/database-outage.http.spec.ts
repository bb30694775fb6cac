import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_SCOPES, createServiceToken } from '@courier/server-domain';
import { createTestDatabase, postgresAvailable, startFaultProxy, type FaultProxy, type TestDatabase } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';

const UNAVAILABLE = { errcode: 'M_UNKNOWN', error: 'The database is unavailable; try again shortly' };

/**
 * While PostgreSQL cannot be reached (README "Operations"), every request that needs it is
 * answered at once with 503 M_UNKNOWN and Retry-After, on REST and on the tRPC gateway alike:
 * never a 500 with a driver's message, never a 401 because a token could not be looked up.
 * /ready is 503 and /health 200 meanwhile; when the database is back, the next requests succeed
 * on new connections. A proxy between the app and the shared PostgreSQL plays the outage.
 */
describe.skipIf(!(await postgresAvailable()))('an app whose PostgreSQL is unreachable', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let direct: TestApp;
  let t: TestApp;
  let alice: TestUser;
  let roomId: string;
  let gatewayToken: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    direct = await startTestApp('postgres', { database });
    alice = await direct.user('alice');
    roomId = await direct.createRoom(alice);
    gatewayToken = (await createServiceToken(direct.data.serviceTokens, { name: 'outage', scopes: [...SERVICE_SCOPES], now: Date.now() })).token;
    proxy = await startFaultProxy({ port: Number(new URL(database.url).port || 5432) });
    t = await startTestApp('postgres', { database: { ...database, url: proxy.via(database.url), drop: async () => undefined } });
  });
  afterAll(async () => {
    proxy?.setMode('pass');
    await t?.close();
    await proxy?.close();
    await direct?.close();
    await database?.drop();
  });

  const send = (txnId: string) => t.as(alice, { method: 'PUT', url: sendPath(roomId, 'm.room.message', txnId), payload: { msgtype: 'm.text', body: txnId } });
  const sync = () => t.as(alice, { method: 'GET', url: '/_matrix/client/v3/sync?timeout=0' });
  const gateway = (procedure: string) => t.app.inject({ method: 'GET', url: `/_courier/trpc/${procedure}`, headers: { authorization: `Bearer ${gatewayToken}` } });
  const get = (url: string) => t.app.inject({ method: 'GET', url });

  function expectUnavailable(res: Awaited<ReturnType<typeof get>>) {
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual(UNAVAILABLE);
    expect(res.headers['retry-after']).toBe('1');
  }

  it('refused connections: 503 + Retry-After on REST and tRPC, /ready 503, /health 200; all well again after', async () => {
    expect((await send('before')).statusCode).toBe(200);
    proxy.setMode('refuse');
    try {
      expectUnavailable(await send('during'));
      expectUnavailable(await sync());
      const rpc = await gateway('stats.overview');
      expect(rpc.statusCode).toBe(503);
      expect(rpc.headers['retry-after']).toBe('1');
      expect(rpc.json()).toMatchObject({ error: { message: UNAVAILABLE.error, data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503, errcode: 'M_UNKNOWN' } } });
      const ready = await get('/ready');
      expect([ready.statusCode, ready.json()]).toEqual([503, { errcode: 'M_UNKNOWN', error: 'Database unreachable' }]);
      expect((await get('/health')).statusCode).toBe(200);
    } finally {
      proxy.setMode('pass');
    }
    expect((await get('/ready')).statusCode).toBe(200);
    const retried = await send('during');
    expect(retried.statusCode).toBe(200);
    expect((await sync()).statusCode).toBe(200);
    expect((await gateway('stats.overview')).statusCode).toBe(200);
    expect(await direct.data.db.prisma.clientTxn.count({ where: { txn_id: 'during' } })).toBe(1);
  });

  it('a database that stops answering (a partition): the request still ends, 503, within the documented timeouts', { timeout: 60_000 }, async () => {
    proxy.setMode('blackhole');
    try {
      // Pooled connections hang mid-query until the client-side query timeout; new ones wait
      // out the connect timeout. Either way the answer is a 503, not a hang.
      expectUnavailable(await send('partitioned'));
      const ready = await get('/ready');
      expect([ready.statusCode, ready.json()]).toEqual([503, { errcode: 'M_UNKNOWN', error: 'Database did not answer in time' }]);
    } finally {
      proxy.setMode('pass');
    }
    expect((await send('partitioned')).statusCode).toBe(200);
  });
});
