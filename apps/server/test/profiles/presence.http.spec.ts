import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { parseSyncToken } from '@courier/server-feature-sync';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3, enc, syncOf } from './helpers';

/** GET/PUT /presence/{userId}/status (presence.yaml) and presence in /sync. */
describe.each(await dbKinds())('presence on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let stranger: TestUser;
  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    stranger = await t.user('stranger');
    const roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
  });
  afterAll(async () => t.close());

  const url = (userId: string) => `${V3}/presence/${enc(userId)}/status`;
  const setPresence = (u: TestUser, payload: Record<string, unknown>, owner = u.userId) => t.as(u, { method: 'PUT', url: url(owner), payload });

  it('never set is offline', async () => {
    const res = await t.as(alice, { method: 'GET', url: url(alice.userId) });
    expect([res.statusCode, res.json()]).toEqual([200, { presence: 'offline' }]);
  });

  it('PUT then GET: state, status_msg, last_active_ago, currently_active; a room-mate may read it', async () => {
    expect((await setPresence(alice, { presence: 'online', status_msg: 'coding' })).statusCode).toBe(200);
    for (const reader of [alice, bob]) {
      const body = (await t.as(reader, { method: 'GET', url: url(alice.userId) })).json();
      expect(body).toMatchObject({ presence: 'online', status_msg: 'coding', currently_active: true });
      expect(body.last_active_ago).toBeGreaterThanOrEqual(0);
    }
    await setPresence(alice, { presence: 'unavailable' });
    expect((await t.as(bob, { method: 'GET', url: url(alice.userId) })).json()).toMatchObject({ presence: 'unavailable', currently_active: false });
  });

  it('a user sharing no room may not read it: 403 M_FORBIDDEN (as Synapse)', async () => {
    const res = await t.as(stranger, { method: 'GET', url: url(alice.userId) });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
  });

  it("setting someone else's presence is 403 M_FORBIDDEN", async () => {
    const res = await setPresence(bob, { presence: 'offline' }, alice.userId);
    expect(res.statusCode).toBe(403);
  });

  it.each([
    [{}, 'M_MISSING_PARAM'],
    [{ presence: 'busy' }, 'M_BAD_JSON'],
    [{ presence: 'online', status_msg: 3 }, 'M_BAD_JSON'],
  ])('%j is 400 %s', async (payload, errcode) => {
    const res = await setPresence(alice, payload);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode });
  });

  it('presence events reach /sync of users who share a room, not strangers; the token carries the presence position', async () => {
    const bobFirst = await syncOf(t, bob);
    const strangerFirst = await syncOf(t, stranger);
    expect(bobFirst.presence.events).toContainEqual(expect.objectContaining({ type: 'm.presence', sender: alice.userId }));
    expect(strangerFirst.presence.events.map((e) => e.sender)).not.toContain(alice.userId);
    await setPresence(alice, { presence: 'online', status_msg: 'back' });
    const bobNext = await syncOf(t, bob, { since: bobFirst.next_batch });
    expect(bobNext.presence.events).toEqual([
      { type: 'm.presence', sender: alice.userId, content: expect.objectContaining({ presence: 'online', status_msg: 'back', currently_active: true }) },
    ]);
    expect(parseSyncToken(bobNext.next_batch).presence).toBeGreaterThan(parseSyncToken(bobFirst.next_batch).presence);
    expect((await syncOf(t, stranger, { since: strangerFirst.next_batch })).presence.events).toEqual([]);
    expect((await syncOf(t, bob, { since: bobNext.next_batch })).presence.events).toEqual([]);
  });

  it("one's own presence is in one's own /sync", async () => {
    const first = await syncOf(t, stranger);
    await setPresence(stranger, { presence: 'online' });
    const next = await syncOf(t, stranger, { since: first.next_batch });
    expect(next.presence.events.map((e) => e.sender)).toEqual([stranger.userId]);
  });

  it('a presence change wakes a long-polling /sync of a room-mate', async () => {
    const first = await syncOf(t, bob);
    const started = Date.now();
    const pending = t.as(bob, { method: 'GET', url: `${V3}/sync?timeout=20000&since=${enc(first.next_batch)}` });
    await new Promise((r) => setTimeout(r, 300));
    await setPresence(alice, { presence: 'unavailable', status_msg: 'lunch' });
    const res = await pending;
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((res.json() as { presence: { events: Array<{ sender: string }> } }).presence.events.map((e) => e.sender)).toEqual([alice.userId]);
  });

  it('/sync?set_presence=online marks the user online (once: a second sync writes nothing); offline changes nothing', async () => {
    const u = await t.user('syncer');
    const position = async () => Number((await t.data.db.prisma.streamPosition.findUnique({ where: { name: 'presence' } }))?.position);
    await syncOf(t, u, { set_presence: 'offline' });
    expect((await t.as(u, { method: 'GET', url: url(u.userId) })).json()).toEqual({ presence: 'offline' });
    await syncOf(t, u, { set_presence: 'online' });
    expect((await t.as(u, { method: 'GET', url: url(u.userId) })).json()).toMatchObject({ presence: 'online' });
    const after = await position();
    await syncOf(t, u, { set_presence: 'online' });
    expect(await position()).toBe(after);
    await syncOf(t, u, { set_presence: 'unavailable' });
    expect((await t.as(u, { method: 'GET', url: url(u.userId) })).json()).toMatchObject({ presence: 'unavailable' });
  });

  it('/sync?set_presence=busy is 400 M_INVALID_PARAM', async () => {
    const res = await t.as(alice, { method: 'GET', url: `${V3}/sync?timeout=0&set_presence=busy` });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errcode: 'M_INVALID_PARAM' });
  });

  it('the presence filter can leave presence out', async () => {
    const first = await syncOf(t, bob, { filter: JSON.stringify({ presence: { not_types: ['m.presence'] } }) });
    expect(first.presence.events).toEqual([]);
  });
});
