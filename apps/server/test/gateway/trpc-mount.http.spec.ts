import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SERVICE_SCOPES, createServiceToken } from '@courier/server-domain';
import { dbKinds } from '@courier/server-testing';
import { buildGatewayApp } from '../../src/gateway-app';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';

const PATH = '/_courier/trpc';

/**
 * The gateway as mounted in the app (app.inject): plain JSON in and out next to the raw-body
 * REST routes, errors in tRPC's shape with the Matrix errcode, and the INTERNAL_PORT app.
 */
describe.each(await dbKinds())('the tRPC mount on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let roomId: string;
  let token: string;
  const auth = () => ({ authorization: `Bearer ${token}` });
  // light-my-request sends an array as repeated headers; its types only allow a string.
  const twoAuthorizationHeaders = () => ({ authorization: [`Bearer ${token}`, `Bearer ${token}`] }) as unknown as Record<string, string>;
  const sendBody = (txnId: string) => ({ roomId, type: 'm.room.message', content: { body: 'hi', n: 1 }, txnId, senderUserId: alice.userId });

  beforeAll(async () => {
    // A burst of 2 and a slow refill: the third send of a user in a row is refused.
    t = await startTestApp(kind, { env: { RATE_LIMIT_PER_SECOND: '0.001', RATE_LIMIT_BURST: '2', MAX_BODY_BYTES: '4096' } });
    alice = await t.user('alice');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    token = (await createServiceToken(t.data.serviceTokens, { name: 'mount', scopes: [...SERVICE_SCOPES], now: Date.now() })).token;
  });
  afterAll(async () => t.close());

  it('a mutation is a POST with the input as a plain JSON body', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${PATH}/events.send`, headers: { ...auth(), 'content-type': 'application/json' }, payload: sendBody('m1') });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ result: { data: { eventId: expect.stringMatching(/^\$/) } } });
  });

  it('a query is a GET, its input (if any) in ?input=', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${PATH}/stats.overview`, headers: auth() });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ result: { data: { users: 1, rooms: 1 } } });
    const room = await t.app.inject({ method: 'GET', url: `${PATH}/rooms.get?input=${encodeURIComponent(JSON.stringify({ roomId }))}`, headers: auth() });
    expect(room.json()).toMatchObject({ result: { data: { roomId } } });
  });

  it('errors carry errcode and httpStatus in data, and the HTTP status is that status', async () => {
    const none = await t.app.inject({ method: 'GET', url: `${PATH}/stats.overview` });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: { code: -32001, data: { code: 'UNAUTHORIZED', httpStatus: 401, errcode: 'M_MISSING_TOKEN' } } });
    const twoHeaders = await t.app.inject({ method: 'GET', url: `${PATH}/stats.overview`, headers: twoAuthorizationHeaders() });
    expect(twoHeaders.json()).toMatchObject({ error: { message: 'Multiple Authorization headers', data: { errcode: 'M_MISSING_TOKEN' } } });
    const unknown = await t.app.inject({ method: 'GET', url: `${PATH}/nope.nope`, headers: auth() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: { data: { errcode: 'M_UNRECOGNIZED' } } });
  });

  it('a body that is not JSON is 400 M_NOT_JSON; one failing the schema 400 M_BAD_JSON', async () => {
    const post = (payload: string) => t.app.inject({ method: 'POST', url: `${PATH}/events.send`, headers: { ...auth(), 'content-type': 'application/json' }, payload });
    const broken = await post('{"roomId":');
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ error: { data: { code: 'BAD_REQUEST', errcode: 'M_NOT_JSON' } } });
    const wrong = await post(JSON.stringify({ ...sendBody('m2'), content: 'text' }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: { message: expect.stringContaining('content'), data: { errcode: 'M_BAD_JSON' } } });
  });

  it('a body over MAX_BODY_BYTES is 413 M_TOO_LARGE in the gateway shape', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${PATH}/events.send`,
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({ ...sendBody('big'), content: { body: 'x'.repeat(8000) } }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ error: { data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, errcode: 'M_TOO_LARGE' } } });
  });

  it('429 carries Retry-After and data.retry_after_ms, as over REST', async () => {
    const send = (txnId: string) =>
      t.app.inject({ method: 'POST', url: `${PATH}/events.send`, headers: { ...auth(), 'content-type': 'application/json' }, payload: sendBody(txnId) });
    let res = await send('rl-0');
    for (let i = 1; i < 5 && res.statusCode === 200; i++) res = await send(`rl-${i}`);
    expect(res.statusCode).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.json()).toMatchObject({ error: { data: { code: 'TOO_MANY_REQUESTS', errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: expect.any(Number) } } });
  });

  it('REST routes still read their raw bodies next to the mount', async () => {
    // Bob, not alice: the 429 test above spent alice's burst.
    const bob = await t.user('bob');
    await t.join(bob, roomId);
    const res = await t.as(bob, { method: 'PUT', url: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/send/m.room.message/rest-dup`, payload: '{"a": 1, "a": 2}' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  describe('the INTERNAL_PORT app', () => {
    let internal: FastifyInstance;
    beforeAll(async () => {
      internal = await buildGatewayApp(t.app);
      await internal.ready();
    });
    afterAll(async () => internal.close());

    it('serves the gateway and nothing else', async () => {
      const stats = await internal.inject({ method: 'GET', url: `${PATH}/stats.overview`, headers: auth() });
      expect(stats.statusCode).toBe(200);
      const rest = await internal.inject({ method: 'GET', url: '/_matrix/client/versions' });
      expect(rest.statusCode).toBe(404);
      expect(rest.json()).toMatchObject({ errcode: 'M_UNRECOGNIZED' });
    });
  });
});
