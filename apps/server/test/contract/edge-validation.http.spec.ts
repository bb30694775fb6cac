import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';

const V3 = '/_matrix/client/v3';

/**
 * Issue 13: path, query and body are checked against spec/ before a handler runs, with the
 * errcodes the handlers always gave; what a handler gets is never stripped or coerced.
 */
describe.each(await dbKinds())('validation at the edge, from spec/, on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let roomId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    roomId = await t.createRoom(alice);
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: string | object) => t.as(alice, { method: 'POST', url, payload: payload as string });

  it('a body that is not JSON is 400 M_NOT_JSON', async () => {
    const res = await post(`${V3}/rooms/${encodeURIComponent(roomId)}/invite`, '{"user_id": ');
    expect([res.statusCode, res.json().errcode]).toEqual([400, 'M_NOT_JSON']);
  });

  it('a JSON body that is not an object is 400 M_BAD_JSON', async () => {
    const res = await post(`${V3}/createRoom`, '[]');
    expect([res.statusCode, res.json().errcode]).toEqual([400, 'M_BAD_JSON']);
  });

  it('a body value of the wrong type or outside its enum is 400 M_BAD_JSON', async () => {
    const wrongType = await post(`${V3}/createRoom`, { name: 5 });
    expect([wrongType.statusCode, wrongType.json().errcode]).toEqual([400, 'M_BAD_JSON']);
    const outsideEnum = await post(`${V3}/createRoom`, { preset: 'party' });
    expect([outsideEnum.statusCode, outsideEnum.json().errcode]).toEqual([400, 'M_BAD_JSON']);
  });

  it('a well-typed body value the schema does not allow (pattern) is 400 M_INVALID_PARAM', async () => {
    const res = await post(`${V3}/rooms/${encodeURIComponent(roomId)}/invite`, { user_id: 'bob' });
    expect([res.statusCode, res.json().errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });

  it('a missing required body key is 400 M_MISSING_PARAM, or M_BAD_JSON where the spec says so', async () => {
    const invite = await post(`${V3}/rooms/${encodeURIComponent(roomId)}/invite`, {});
    expect([invite.statusCode, invite.json().errcode]).toEqual([400, 'M_MISSING_PARAM']);
    const query = await post(`${V3}/keys/query`, {});
    expect([query.statusCode, query.json().errcode]).toEqual([400, 'M_BAD_JSON']);
  });

  it('an empty body is {} where the requestBody is optional, M_NOT_JSON where it is required', async () => {
    expect((await post(`${V3}/createRoom`, '')).statusCode).toBe(200);
    const required = await post(`${V3}/rooms/${encodeURIComponent(roomId)}/invite`, '');
    expect([required.statusCode, required.json().errcode]).toEqual([400, 'M_NOT_JSON']);
  });

  it('a query value that does not fit its schema is 400 M_INVALID_PARAM, a repeated one too', async () => {
    const notInt = await t.as(alice, { method: 'GET', url: `${V3}/rooms/${encodeURIComponent(roomId)}/messages?limit=ten` });
    expect([notInt.statusCode, notInt.json().errcode]).toEqual([400, 'M_INVALID_PARAM']);
    const badDir = await t.as(alice, { method: 'GET', url: `${V3}/rooms/${encodeURIComponent(roomId)}/messages?dir=x` });
    expect([badDir.statusCode, badDir.json().errcode]).toEqual([400, 'M_INVALID_PARAM']);
    const twice = await t.as(alice, { method: 'GET', url: `${V3}/sync?since=1&since=2` });
    expect([twice.statusCode, twice.json().errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });

  it('a missing required query parameter is 400 M_MISSING_PARAM', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${V3}/register/available` });
    expect([res.statusCode, res.json().errcode]).toEqual([400, 'M_MISSING_PARAM']);
  });

  it('a path parameter with NUL is 400 M_INVALID_PARAM; one against its pattern too', async () => {
    const nul = await t.as(alice, { method: 'GET', url: `${V3}/devices/A%00B` });
    expect([nul.statusCode, nul.json().errcode]).toEqual([400, 'M_INVALID_PARAM']);
    const notARoom = await t.as(alice, { method: 'GET', url: `${V3}/rooms/not-a-room/state` });
    expect([notARoom.statusCode, notARoom.json().errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });

  it('the access token is checked before the request: no token and a bad body is 401', async () => {
    const res = await t.app.inject({ method: 'POST', url: `${V3}/createRoom`, payload: '{' });
    expect([res.statusCode, res.json().errcode]).toEqual([401, 'M_MISSING_TOKEN']);
  });

  it('what the handler gets is not stripped: unknown keys survive a round trip', async () => {
    const url = `${V3}/user/${encodeURIComponent(alice.userId)}/account_data/org.example.kept`;
    const content = { listed: false, 'not.in.any.schema': { deep: [1, 'two', null] } };
    expect((await t.as(alice, { method: 'PUT', url, payload: content })).statusCode).toBe(200);
    expect((await t.as(alice, { method: 'GET', url })).json()).toEqual(content);
  });
});
