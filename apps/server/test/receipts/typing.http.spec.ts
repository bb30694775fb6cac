import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type SyncResponse } from '../reading/reading-helpers';

type Ephemeral = Array<{ type: string; content: { user_ids?: string[] } }>;
const typingOf = (s: SyncResponse, roomId: string) =>
  ((s.rooms.join[roomId]?.['ephemeral'] as { events: Ephemeral } | undefined)?.events ?? []).filter((e) => e.type === 'm.typing');

/** Issue 15: PUT /typing, m.typing in /sync, long-poll wake-ups, timeouts (in-process store). */
describe.each(await dbKinds())('typing on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let roomId: string;
  const h = createReadingHelpers(() => t);

  const typing = (user: TestUser, body: Record<string, unknown>, userId = user.userId, room = roomId) =>
    t.as(user, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(room)}/typing/${enc(userId)}`, payload: body });

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    carol = await t.user('carol');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
  });
  afterAll(async () => t.close());

  it('a typing user shows in the other members\' /sync; stopping shows an empty list', async () => {
    const before = await h.sync(bob);
    expect((await typing(alice, { typing: true, timeout: 30000 })).statusCode).toBe(200);
    const s = await h.sync(bob, { since: before.next_batch });
    expect(typingOf(s, roomId)).toEqual([{ type: 'm.typing', content: { user_ids: [alice.userId] } }]);
    expect(typingOf(await h.sync(bob), roomId)).toEqual([{ type: 'm.typing', content: { user_ids: [alice.userId] } }]);
    // Unchanged since: not repeated.
    expect(typingOf(await h.sync(bob, { since: s.next_batch }), roomId)).toEqual([]);
    expect((await typing(alice, { typing: false })).statusCode).toBe(200);
    expect(typingOf(await h.sync(bob, { since: s.next_batch }), roomId)).toEqual([{ type: 'm.typing', content: { user_ids: [] } }]);
    expect(typingOf(await h.sync(bob), roomId)).toEqual([]);
  });

  it('typing wakes a long-polling /sync', async () => {
    const { next_batch } = await h.sync(bob);
    const poll = h.sync(bob, { since: next_batch, timeout: '10000' });
    await new Promise((r) => setTimeout(r, 200));
    const at = performance.now();
    await typing(alice, { typing: true, timeout: 30000 });
    const s = await poll;
    expect(performance.now() - at).toBeLessThan(2000);
    expect(typingOf(s, roomId)[0]?.content.user_ids).toEqual([alice.userId]);
    await typing(alice, { typing: false });
  });

  it('the timeout ends typing and wakes a long-poll', async () => {
    await typing(alice, { typing: true, timeout: 300 });
    const { next_batch } = await h.sync(bob);
    const at = performance.now();
    const s = await h.sync(bob, { since: next_batch, timeout: '10000' });
    expect(performance.now() - at).toBeLessThan(3000);
    expect(typingOf(s, roomId)[0]?.content.user_ids).toEqual([]);
  });

  it('is served under the legacy r0 prefix too', async () => {
    const res = await t.as(alice, { method: 'PUT', url: `/_matrix/client/r0/rooms/${enc(roomId)}/typing/${enc(alice.userId)}`, payload: { typing: false } });
    expect(res.statusCode).toBe(200);
    const receipt = await t.as(alice, { method: 'POST', url: `/_matrix/client/r0/rooms/${enc(roomId)}/read_markers`, payload: {} });
    expect(receipt.statusCode).toBe(200);
  });

  it('the token carries the typing position', async () => {
    const s = await h.sync(bob);
    expect(Number(s.next_batch.slice(1).split('_')[5])).toBeGreaterThan(0);
  });

  it.each([
    ['another user\'s typing state', () => typing(alice, { typing: true }, bob.userId), 403, 'M_FORBIDDEN'],
    ['a room one is not joined to', () => typing(carol, { typing: true }), 403, 'M_FORBIDDEN'],
    ['typing that is not a boolean', () => typing(alice, { typing: 'yes' }), 400, 'M_BAD_JSON'],
    ['a missing typing', () => typing(alice, { timeout: 100 }), 400, 'M_MISSING_PARAM'],
    ['a negative timeout', () => typing(alice, { typing: true, timeout: -1 }), 400, 'M_BAD_JSON'],
    ['a body that is not JSON', () => t.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(roomId)}/typing/${enc(alice.userId)}`, payload: '{', headers: { 'content-type': 'application/json' } }), 400, 'M_NOT_JSON'],
  ] as const)('refuses %s', async (_name, call, status, errcode) => {
    const res = await call();
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ errcode });
  });
});
