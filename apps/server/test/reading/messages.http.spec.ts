import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type ClientEvent } from './reading-helpers';

interface Page {
  chunk: ClientEvent[];
  start: string;
  end?: string;
  state?: ClientEvent[];
}

/** GET /rooms/{roomId}/messages (message_pagination.yaml). */
describe.each(await dbKinds())('/messages on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  const sent: string[] = [];
  const h = createReadingHelpers(() => t);
  const messages = (user: TestUser, query: Record<string, string>, room = roomId) =>
    h.get(user, `/_matrix/client/v3/rooms/${enc(room)}/messages?${new URLSearchParams(query).toString()}`);

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    for (let i = 0; i < 23; i++) sent.push(await h.send(i % 2 ? bob : alice, roomId, `msg ${i}`));
  });
  afterAll(async () => t.close());

  async function pageAll(user: TestUser, dir: 'b' | 'f', limit: number, from?: string) {
    const ids: string[] = [];
    const tokens: string[] = [];
    let token = from;
    for (let i = 0; i < 200; i++) {
      const res = await messages(user, { dir, limit: String(limit), ...(token ? { from: token } : {}) });
      expect(res.statusCode).toBe(200);
      const page = res.json() as Page;
      if (token) expect(page.start).toBe(token);
      ids.push(...page.chunk.map((e) => e.event_id));
      if (!page.end) return { ids, tokens };
      tokens.push(page.end);
      token = page.end;
    }
    throw new Error('pagination did not end');
  }

  it('backwards from the end, then forwards from the start, visits every event exactly once', async () => {
    const back = await pageAll(bob, 'b', 4);
    expect(new Set(back.ids).size).toBe(back.ids.length);
    const forward = await pageAll(bob, 'f', 5);
    expect(forward.ids).toEqual([...back.ids].reverse());
    // The messages come last, in send order; the room's creation events before them.
    expect(forward.ids.slice(-sent.length)).toEqual(sent);
    expect(forward.ids.length).toBeGreaterThan(sent.length);
  });

  it('tokens are stable: the same token gives the same page, and paging forward from a backward token resumes exactly', async () => {
    const first = (await messages(bob, { dir: 'b', limit: '3' })).json() as Page;
    expect(first.chunk.map((e) => e.content['body'])).toEqual(['msg 22', 'msg 21', 'msg 20']);
    const a = (await messages(bob, { dir: 'b', limit: '3', from: first.end ?? '' })).json() as Page;
    const b = (await messages(bob, { dir: 'b', limit: '3', from: first.end ?? '' })).json() as Page;
    expect(a.chunk.map((e) => e.event_id)).toEqual(b.chunk.map((e) => e.event_id));
    expect([a.start, a.end]).toEqual([b.start, b.end]);
    expect(a.chunk.map((e) => e.content['body'])).toEqual(['msg 19', 'msg 18', 'msg 17']);
    const fwd = (await messages(bob, { dir: 'f', limit: '3', from: first.end ?? '' })).json() as Page;
    expect(fwd.chunk.map((e) => e.content['body'])).toEqual(['msg 20', 'msg 21', 'msg 22']);
    expect(fwd.end).toBeUndefined();
  });

  it('a sync prev_batch and next_batch work as from tokens; `to` stops the page', async () => {
    const s = await h.sync(bob, { filter: JSON.stringify({ room: { timeline: { limit: 2 } } }) });
    const prev = s.rooms.join[roomId]?.timeline.prev_batch ?? '';
    const page = (await messages(bob, { dir: 'b', limit: '2', from: prev })).json() as Page;
    expect(page.chunk.map((e) => e.content['body'])).toEqual(['msg 20', 'msg 19']);
    const upToNow = (await messages(bob, { dir: 'b', limit: '1', from: s.next_batch })).json() as Page;
    expect(upToNow.chunk[0]?.content['body']).toBe('msg 22');
    const bounded = (await messages(bob, { dir: 'f', from: prev, to: s.next_batch, limit: '50' })).json() as Page;
    expect(bounded.chunk.map((e) => e.content['body'])).toEqual(['msg 21', 'msg 22']);
  });

  it('dir defaults to b; limit defaults to 10', async () => {
    const page = (await messages(bob, {})).json() as Page;
    expect(page.chunk).toHaveLength(10);
    expect(page.chunk[0]?.content['body']).toBe('msg 22');
    expect(page.end).toMatch(/^s\d+$/);
  });

  it('a RoomEventFilter applies before the limit: senders, types, not_types, contains_url', async () => {
    const bySender = (await messages(bob, { limit: '3', filter: JSON.stringify({ senders: [alice.userId], types: ['m.room.message'] }) })).json() as Page;
    expect(bySender.chunk.map((e) => e.content['body'])).toEqual(['msg 22', 'msg 20', 'msg 18']);
    const members = (await messages(bob, { dir: 'f', limit: '50', filter: JSON.stringify({ types: ['m.room.mem*'] }) })).json() as Page;
    expect(members.chunk.every((e) => e.type === 'm.room.member')).toBe(true);
    expect(members.chunk.length).toBe(2);
    const noMessages = (await messages(bob, { dir: 'f', limit: '100', filter: JSON.stringify({ not_types: ['m.room.message'] }) })).json() as Page;
    expect(noMessages.chunk.some((e) => e.type === 'm.room.message')).toBe(false);
    const withUrl = (await messages(bob, { filter: JSON.stringify({ contains_url: true }) })).json() as Page;
    expect(withUrl.chunk).toEqual([]);
    expect(withUrl.end).toBeUndefined();
  });

  it('lazy_load_members adds the senders\' member events as state', async () => {
    const page = (await messages(bob, { limit: '2', filter: JSON.stringify({ lazy_load_members: true }) })).json() as Page;
    expect(new Set(page.state?.map((e) => e.state_key))).toEqual(new Set([alice.userId, bob.userId]));
  });

  it('a former member pages only up to their leave', async () => {
    const carol = await t.user('carol');
    await t.join(carol, roomId);
    await h.send(alice, roomId, 'carol can see this');
    await h.leave(carol, roomId);
    await h.send(alice, roomId, 'carol cannot see this');
    const page = (await messages(carol, { limit: '3' })).json() as Page;
    expect(page.chunk.map((e) => e.content['body'] ?? e.content['membership'])).toEqual(['leave', 'carol can see this', 'join']);
  });

  it('someone who was never in the room gets 403 M_FORBIDDEN, as for an unknown room', async () => {
    const stranger = await t.user('stranger');
    for (const room of [roomId, '!unknown:test.local']) {
      const res = await messages(stranger, {}, room);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ errcode: 'M_FORBIDDEN', error: expect.any(String) });
    }
  });

  it.each([
    ['dir=x', { dir: 'x' }, 'M_INVALID_PARAM'],
    ['a non-numeric limit', { limit: 'ten' }, 'M_INVALID_PARAM'],
    ['a negative limit', { limit: '-1' }, 'M_INVALID_PARAM'],
    ['a bad from token', { from: 'garbage' }, 'M_INVALID_PARAM'],
    ['a bad to token', { to: 's1_2' }, 'M_INVALID_PARAM'],
    ['a filter that is not JSON', { filter: '{nope' }, 'M_NOT_JSON'],
    ['a filter that is not an object', { filter: '[1]' }, 'M_BAD_JSON'],
    ['a filter with a bad field', { filter: '{"types":"m.room.message"}' }, 'M_BAD_JSON'],
  ])('%s is 400 %s', async (_name, query, errcode) => {
    const res = await messages(bob, query as Record<string, string>);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ errcode, error: expect.any(String) });
  });

  it('a malformed room ID is 400 M_INVALID_PARAM; no token is 401', async () => {
    expect((await messages(bob, {}, 'not-a-room')).json().errcode).toBe('M_INVALID_PARAM');
    const res = await t.app.inject({ method: 'GET', url: `/_matrix/client/v3/rooms/${enc(roomId)}/messages` });
    expect(res.statusCode).toBe(401);
  });

  it('limit is capped at 1000 and unknown parameters are ignored', async () => {
    const res = await messages(bob, { limit: '5000', _cacheBuster: '1' });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Page).end).toBeUndefined();
  });

  it('the r0 prefix works too', async () => {
    const res = await h.get(bob, `/_matrix/client/r0/rooms/${enc(roomId)}/messages?dir=b&limit=1`);
    expect(res.statusCode).toBe(200);
  });
});
