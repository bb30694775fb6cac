import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3, enc, syncOf } from './helpers';

/** The calls clients make at start-up (issue 15's small things) and POST /rooms/{roomId}/forget. */
describe.each(await dbKinds())('small things and forget on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
  });
  afterAll(async () => t.close());

  it.each([
    ['/account/3pid', { threepids: [] }],
    ['/thirdparty/protocols', {}],
    ['/voip/turnServer', {}],
  ])('GET %s answers %j (and r0 too)', async (path, body) => {
    for (const prefix of [V3, '/_matrix/client/r0']) {
      const res = await t.as(alice, { method: 'GET', url: `${prefix}${path}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(body);
    }
  });

  it.each(['/account/3pid', '/thirdparty/protocols', '/voip/turnServer'])('GET %s needs an access token (401 M_MISSING_TOKEN)', async (path) => {
    const res = await t.app.inject({ method: 'GET', url: `${V3}${path}` });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ errcode: 'M_MISSING_TOKEN' });
  });

  it('forget while still joined is 400 M_UNKNOWN (as Synapse), and the room stays in /sync', async () => {
    const roomId = await t.createRoom(alice);
    const res = await t.as(alice, { method: 'POST', url: `${V3}/rooms/${enc(roomId)}/forget`, payload: {} });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_UNKNOWN' });
    expect(Object.keys((await syncOf(t, alice)).rooms.join)).toContain(roomId);
  });

  it('forget of a room never joined is a no-op 200', async () => {
    const res = await t.as(bob, { method: 'POST', url: `${V3}/rooms/${enc('!nowhere:test.local')}/forget`, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
  });

  it('a forgotten room leaves the leave section of /sync (initial with include_leave, and incremental); a re-join brings it back', async () => {
    const roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    const before = await syncOf(t, bob);
    await t.as(bob, { method: 'POST', url: `${V3}/rooms/${enc(roomId)}/leave`, payload: {} });
    const includeLeave = JSON.stringify({ room: { include_leave: true } });
    expect(Object.keys((await syncOf(t, bob, { filter: includeLeave })).rooms.leave)).toContain(roomId);
    expect(Object.keys((await syncOf(t, bob, { since: before.next_batch })).rooms.leave)).toContain(roomId);

    const forget = await t.as(bob, { method: 'POST', url: `${V3}/rooms/${enc(roomId)}/forget`, payload: {} });
    expect(forget.statusCode).toBe(200);
    expect(Object.keys((await syncOf(t, bob, { filter: includeLeave })).rooms.leave)).not.toContain(roomId);
    expect(Object.keys((await syncOf(t, bob, { since: before.next_batch })).rooms.leave)).not.toContain(roomId);

    await t.join(bob, roomId);
    expect(Object.keys((await syncOf(t, bob)).rooms.join)).toContain(roomId);
    await t.as(bob, { method: 'POST', url: `${V3}/rooms/${enc(roomId)}/leave`, payload: {} });
    expect(Object.keys((await syncOf(t, bob, { filter: includeLeave })).rooms.leave)).toContain(roomId);
  });
});
