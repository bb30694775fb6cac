import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3, enc, syncOf } from './helpers';

/** Room tags (tags.yaml): the room's m.tag account data, shown in /sync. */
describe.each(await dbKinds())('room tags on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomId = await t.createRoom(alice);
  });
  afterAll(async () => t.close());

  const tags = (u: TestUser, owner = u.userId, room = roomId) => `${V3}/user/${enc(owner)}/rooms/${enc(room)}/tags`;

  it('no tags is {tags: {}}', async () => {
    const res = await t.as(alice, { method: 'GET', url: tags(alice) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ tags: {} });
  });

  it('PUT adds tags with their order, GET lists them, DELETE removes one', async () => {
    expect((await t.as(alice, { method: 'PUT', url: `${tags(alice)}/m.favourite`, payload: { order: 0.25 } })).statusCode).toBe(200);
    await t.as(alice, { method: 'PUT', url: `${tags(alice)}/u.work`, payload: {} });
    expect((await t.as(alice, { method: 'GET', url: tags(alice) })).json()).toEqual({ tags: { 'm.favourite': { order: 0.25 }, 'u.work': {} } });
    const del = await t.as(alice, { method: 'DELETE', url: `${tags(alice)}/u.work` });
    expect([del.statusCode, del.json()]).toEqual([200, {}]);
    expect((await t.as(alice, { method: 'GET', url: tags(alice) })).json()).toEqual({ tags: { 'm.favourite': { order: 0.25 } } });
  });

  it('DELETE of a tag the room does not have is 200 (as Synapse)', async () => {
    expect((await t.as(alice, { method: 'DELETE', url: `${tags(alice)}/u.never` })).statusCode).toBe(200);
  });

  it('tags are shown in /sync as the m.tag room account data, and a change comes in the next incremental sync', async () => {
    const first = await syncOf(t, alice);
    expect(first.rooms.join[roomId]?.account_data.events).toContainEqual({ type: 'm.tag', content: { tags: { 'm.favourite': { order: 0.25 } } } });
    await t.as(alice, { method: 'PUT', url: `${tags(alice)}/m.lowpriority`, payload: {} });
    const next = await syncOf(t, alice, { since: first.next_batch });
    expect(next.rooms.join[roomId]?.account_data.events).toEqual([
      { type: 'm.tag', content: { tags: { 'm.favourite': { order: 0.25 }, 'm.lowpriority': {} } } },
    ]);
  });

  it('a tag change wakes a waiting /sync', async () => {
    const woken = t.data.notifier.wait({ userId: alice.userId }, 5_000);
    await t.as(alice, { method: 'PUT', url: `${tags(alice)}/u.wake`, payload: {} });
    expect(await woken).toBe(true);
  });

  it("someone else's tags are 403 M_FORBIDDEN for GET, PUT and DELETE", async () => {
    for (const [method, url] of [
      ['GET', tags(bob, alice.userId)],
      ['PUT', `${tags(bob, alice.userId)}/u.x`],
      ['DELETE', `${tags(bob, alice.userId)}/m.favourite`],
    ] as const) {
      const res = await t.as(bob, { method, url, ...(method === 'PUT' ? { payload: {} } : {}) });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    }
  });

  it.each([
    ['an order that is not a number', { order: 'first' }, 'M_BAD_JSON'],
    ['an array body', [], 'M_BAD_JSON'],
  ])('%s is 400 %s', async (_n, payload, errcode) => {
    const res = await t.as(alice, { method: 'PUT', url: `${tags(alice)}/u.bad`, payload: payload as never });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode });
  });

  it('a tag name over 255 bytes is 400 M_INVALID_PARAM; a malformed room ID is 400', async () => {
    expect((await t.as(alice, { method: 'PUT', url: `${tags(alice)}/${'t'.repeat(256)}`, payload: {} })).statusCode).toBe(400);
    const bad = await t.as(alice, { method: 'GET', url: tags(alice, alice.userId, 'not-a-room') });
    expect(bad.statusCode).toBe(400);
  });
});
