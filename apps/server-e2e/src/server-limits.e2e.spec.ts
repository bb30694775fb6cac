import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '@courier/server';
import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createSession, createUser } from '@courier/server-domain';
import { createTestDatabase, type TestDatabase } from '@courier/server-testing';
import { loadConfig } from '@courier/server-util-config';
import { rawExchange, rawRequest, type RawOutcome } from './raw-http';

/** The timeouts shortened so the test waits a second, not a minute; the sizes are the real ones. */
const LIMITS = { headersTimeoutMs: 600, requestTimeoutMs: 1_200, keepAliveTimeoutMs: 800, connectionsCheckingIntervalMs: 100 };

function matrixError(outcome: RawOutcome): { status: number; body: { errcode?: string } } {
  if (outcome.kind !== 'response') throw new Error(`no response: ${outcome.partial}`);
  expect(outcome.response.headers['content-type']).toMatch(/^application\/json/);
  return { status: outcome.response.status, body: JSON.parse(outcome.response.body.toString('utf8')) as { errcode?: string } };
}

/** Limits of the listening server: header size, body size, JSON depth and the three timeouts. */
describe('server limits on a real socket (SQLite)', () => {
  let database: TestDatabase;
  let data: DataAccess;
  let app: FastifyInstance;
  let port: number;
  let auth: [string, string];
  let sendTarget: (txn: string) => string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const config = loadConfig({ SERVER_NAME: 'limits.local', DATABASE_URL: database.url });
    data = await createDataAccess(config.DATABASE_URL);
    app = await buildApp({ config, data, limits: LIMITS });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    const userId = await createUser(data.accounts, { localpart: 'limits', password: null, serverName: 'limits.local', now: Date.now() });
    auth = ['Authorization', `Bearer ${(await createSession(data.accounts, { userId, now: Date.now() })).accessToken}`];
    const room = await fetch(`http://127.0.0.1:${port}/_matrix/client/v3/createRoom`, { method: 'POST', headers: { authorization: auth[1] }, body: '{}' });
    const roomId = encodeURIComponent(((await room.json()) as { room_id: string }).room_id);
    sendTarget = (txn) => `/_matrix/client/v3/rooms/${roomId}/send/m.room.message/${txn}`;
  });
  afterAll(async () => {
    await app.close();
    await data.close();
    await database.drop();
  });

  const exchange = (req: Buffer | string, timeoutMs = 5_000) => rawExchange(port, req, { timeoutMs });

  it('headers over 16 KiB: 431 M_TOO_LARGE as JSON (Node refuses them before Fastify)', async () => {
    const big = await exchange(rawRequest('GET', '/health', [['Host', 'x'], ['X-Big', 'a'.repeat(17_000)]]));
    expect(matrixError(big)).toEqual({ status: 431, body: { errcode: 'M_TOO_LARGE', error: 'Request headers too large' } });
    const fine = await exchange(rawRequest('GET', '/health', [['Host', 'x'], ['X-Big', 'a'.repeat(8_000)]]));
    expect(fine.kind === 'response' && fine.response.status).toBe(200);
  });

  it('a body over MAX_BODY_BYTES: 413 M_TOO_LARGE; JSON nested past 100 levels: 400 M_BAD_JSON', async () => {
    const huge = await exchange(rawRequest('POST', '/_matrix/client/v3/createRoom', [['Host', 'x'], auth], Buffer.alloc(1_048_577, 0x20)));
    expect(matrixError(huge)).toMatchObject({ status: 413, body: { errcode: 'M_TOO_LARGE' } });
    const nest = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;
    const ok = await exchange(rawRequest('PUT', sendTarget('depth100'), [['Host', 'x'], auth], nest(100)));
    expect(ok.kind === 'response' && ok.response.status).toBe(200);
    expect(matrixError(await exchange(rawRequest('PUT', sendTarget('depth101'), [['Host', 'x'], auth], nest(101))))).toMatchObject({ status: 400, body: { errcode: 'M_BAD_JSON' } });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(matrixError(await exchange(rawRequest('PUT', sendTarget('deep'), [['Host', 'x'], auth], deep)))).toMatchObject({ status: 413, body: { errcode: 'M_TOO_LARGE' } });
    expect(matrixError(await exchange(rawRequest('POST', '/_matrix/client/v3/createRoom', [['Host', 'x'], auth], deep)))).toMatchObject({ status: 400 });
  });

  it('headers that trickle in past headersTimeout: 408 as JSON, connection closed', async () => {
    const started = Date.now();
    const res = await exchange('GET /health HTTP/1.1\r\nHost: x\r\n');
    expect(matrixError(res)).toEqual({ status: 408, body: { errcode: 'M_UNKNOWN', error: 'Request not received in time' } });
    expect(Date.now() - started).toBeLessThan(LIMITS.headersTimeoutMs + 1_500);
  });

  it('a body that stalls past requestTimeout: 408 as JSON', async () => {
    const started = Date.now();
    const res = await exchange(`PUT ${sendTarget('stall')} HTTP/1.1\r\nHost: x\r\n${auth.join(': ')}\r\nContent-Length: 100\r\n\r\n{"body":`);
    expect(matrixError(res)).toMatchObject({ status: 408, body: { errcode: 'M_UNKNOWN' } });
    expect(Date.now() - started).toBeLessThan(LIMITS.requestTimeoutMs + 1_500);
  });

  it('an idle keep-alive connection is closed after keepAliveTimeout', async () => {
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let answeredAt = 0;
      socket.on('data', (d) => {
        if (!answeredAt && d.toString('latin1').includes('{"status":"ok"}')) answeredAt = Date.now();
      });
      socket.on('close', () => (answeredAt ? resolve(Date.now() - answeredAt) : reject(new Error('closed before answering'))));
      socket.on('error', () => undefined);
      socket.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
      setTimeout(() => reject(new Error('keep-alive connection never closed')), 10_000).unref();
    });
    expect(closedAfter).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs - 100);
    expect(closedAfter).toBeLessThan(LIMITS.keepAliveTimeoutMs + 1_500);
  });

  it('what never reaches a route is still a Matrix error: CONNECT, no Host, bad escapes, huge params', async () => {
    expect(matrixError(await exchange('CONNECT example.org:443 HTTP/1.1\r\nHost: example.org\r\n\r\n'))).toMatchObject({ status: 405, body: { errcode: 'M_UNRECOGNIZED' } });
    expect(matrixError(await exchange('GET /health HTTP/1.1\r\n\r\n'))).toMatchObject({ status: 400, body: { errcode: 'M_UNRECOGNIZED' } });
    expect(matrixError(await exchange(rawRequest('PUT', '/_matrix/client/v3/rooms/%zz/send/m.room.message/t', [['Host', 'x'], auth], '{}')))).toMatchObject({ status: 400, body: { errcode: 'M_UNRECOGNIZED' } });
    const long = await exchange(rawRequest('PUT', sendTarget('a'.repeat(5_000)), [['Host', 'x'], auth], '{}'));
    expect(matrixError(long)).toMatchObject({ status: 414, body: { errcode: 'M_UNRECOGNIZED' } });
    expect(matrixError(await exchange('NOT HTTP AT ALL\r\n\r\n'))).toMatchObject({ status: 400, body: { errcode: 'M_UNRECOGNIZED' } });
  });
});
