import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc } from './reading-helpers';

/** POST/GET /user/{userId}/filter (filter.yaml) and filters applied by /sync. */
describe.each(await dbKinds())('filters on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  const h = createReadingHelpers(() => t);
  const post = (u: TestUser, userId: string, payload: unknown) =>
    t.as(u, { method: 'POST', url: `/_matrix/client/v3/user/${enc(userId)}/filter`, payload: typeof payload === 'string' ? payload : JSON.stringify(payload) });

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    for (let i = 0; i < 5; i++) await h.send(alice, roomId, `m${i}`);
  });
  afterAll(async () => t.close());

  it('uploads a filter and reads it back; the same filter gets the same ID', async () => {
    const filter = { room: { timeline: { limit: 2, types: ['m.room.message'] } }, presence: { not_types: ['*'] }, future_field: true };
    const res = await post(alice, alice.userId, filter);
    expect(res.statusCode).toBe(200);
    const { filter_id } = res.json() as { filter_id: string };
    expect(filter_id).toMatch(/^[^{]/);
    expect((await post(alice, alice.userId, filter)).json().filter_id).toBe(filter_id);
    const back = await h.get(alice, `/_matrix/client/r0/user/${enc(alice.userId)}/filter/${filter_id}`);
    expect(back.statusCode).toBe(200);
    expect(back.json()).toEqual(filter);
  });

  it('/sync applies a filter given by ID and one given inline', async () => {
    const { filter_id } = (await post(alice, alice.userId, { room: { timeline: { limit: 2, types: ['m.room.message'] } } })).json();
    for (const filter of [filter_id as string, JSON.stringify({ room: { timeline: { limit: 2, types: ['m.room.message'] } } })]) {
      const room = (await h.sync(alice, { filter })).rooms.join[roomId];
      expect(room?.timeline.events.map((e) => e.content['body'])).toEqual(['m3', 'm4']);
      expect(room?.timeline.limited).toBe(true);
    }
  });

  it('room.rooms / not_rooms choose the rooms; state types filter the state', async () => {
    const other = await t.createRoom(alice, {});
    const only = await h.sync(alice, { filter: JSON.stringify({ room: { rooms: [other] } }) });
    expect(Object.keys(only.rooms.join)).toEqual([other]);
    const not = await h.sync(alice, { filter: JSON.stringify({ room: { not_rooms: [other] } }) });
    expect(Object.keys(not.rooms.join)).toEqual([roomId]);
    const state = await h.sync(alice, { filter: JSON.stringify({ room: { state: { types: ['m.room.create'] }, timeline: { limit: 1 } } }) });
    expect(state.rooms.join[roomId]?.state.events.map((e) => e.type)).toEqual(['m.room.create']);
  });

  it('only for oneself: 403 M_FORBIDDEN for another user, both ways', async () => {
    const res = await post(bob, alice.userId, {});
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ errcode: 'M_FORBIDDEN', error: expect.any(String) });
    const { filter_id } = (await post(alice, alice.userId, {})).json();
    expect((await h.get(bob, `/_matrix/client/v3/user/${enc(alice.userId)}/filter/${filter_id}`)).statusCode).toBe(403);
  });

  it('an unknown filter ID is 404 M_NOT_FOUND on GET and 400 M_INVALID_PARAM on /sync', async () => {
    const res = await h.get(alice, `/_matrix/client/v3/user/${enc(alice.userId)}/filter/nope`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ errcode: 'M_NOT_FOUND', error: expect.any(String) });
    const s = await h.get(alice, '/_matrix/client/v3/sync?filter=nope');
    expect(s.statusCode).toBe(400);
    expect(s.json().errcode).toBe('M_INVALID_PARAM');
  });

  it.each([
    ['not JSON', '{"room":', 'M_NOT_JSON'],
    ['not an object', '[]', 'M_BAD_JSON'],
    ['a non-integer timeline limit', { room: { timeline: { limit: 'many' } } }, 'M_BAD_JSON'],
    ['types not a list', { room: { timeline: { types: 'm.room.message' } } }, 'M_BAD_JSON'],
  ])('an uploaded filter that is %s is 400 %s', async (_n, body, errcode) => {
    const res = await post(alice, alice.userId, body);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errcode, error: expect.any(String) });
  });
});
