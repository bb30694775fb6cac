import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type ClientEvent } from './reading-helpers';

interface RoomEventsResult {
  count: number;
  highlights: string[];
  results: Array<{ rank: number; result: ClientEvent; context?: { events_before: ClientEvent[]; events_after: ClientEvent[]; start: string; end: string; profile_info?: Record<string, { displayname?: string }> } }>;
  next_batch?: string;
  state?: Record<string, ClientEvent[]>;
}

/** POST /search (search.yaml): room_events over SQLite FTS5 / PostgreSQL tsvector. */
describe.each(await dbKinds())('POST /search on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomA: string;
  let roomB: string;
  const h = createReadingHelpers(() => t);
  const search = async (user: TestUser, criteria: Record<string, unknown>, nextBatch?: string) => {
    const res = await t.as(user, {
      method: 'POST',
      url: `/_matrix/client/v3/search${nextBatch ? `?next_batch=${enc(nextBatch)}` : ''}`,
      payload: { search_categories: { room_events: criteria } },
    });
    return res;
  };
  const roomEvents = async (user: TestUser, criteria: Record<string, unknown>, nextBatch?: string) => {
    const res = await search(user, criteria, nextBatch);
    if (res.statusCode !== 200) throw new Error(`search ${res.statusCode} ${res.body}`);
    return (res.json() as { search_categories: { room_events: RoomEventsResult } }).search_categories.room_events;
  };
  const bodies = (r: RoomEventsResult) => r.results.map((x) => x.result.content['body'] ?? x.result.content['name'] ?? x.result.content['topic']);

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomA = await t.createRoom(alice, { preset: 'public_chat', name: 'Banana republic', topic: 'all about bananas' });
    roomB = await t.createRoom(bob, { preset: 'private_chat' });
    await t.join(bob, roomA);
    await h.send(alice, roomA, 'I like bananas');
    await h.send(bob, roomA, 'apples are fine');
    await h.send(alice, roomA, 'banana bread with apples');
    await h.send(bob, roomB, 'secret banana stash');
  });
  afterAll(async () => t.close());

  it('matches content.body, name and topic, word prefixes, only in rooms the user is joined to', async () => {
    const mine = await roomEvents(alice, { search_term: 'banana', order_by: 'recent' });
    expect(bodies(mine)).toEqual(['banana bread with apples', 'I like bananas', 'all about bananas', 'Banana republic']);
    expect(mine.count).toBe(4);
    expect(mine.highlights).toEqual(['banana']);
    const bobs = await roomEvents(bob, { search_term: 'banana', order_by: 'recent' });
    expect(bodies(bobs)).toContain('secret banana stash');
  });

  it('every word must match', async () => {
    expect(bodies(await roomEvents(alice, { search_term: 'banana apples' }))).toEqual(['banana bread with apples']);
    expect((await roomEvents(alice, { search_term: 'nothing-like-this' })).results).toEqual([]);
  });

  it('keys restricts the fields searched', async () => {
    expect(bodies(await roomEvents(alice, { search_term: 'banana', keys: ['content.topic'] }))).toEqual(['all about bananas']);
    expect(bodies(await roomEvents(alice, { search_term: 'banana', keys: ['content.name'] }))).toEqual(['Banana republic']);
  });

  it('order_by rank puts the better match first, with a rank', async () => {
    await h.send(alice, roomA, 'zebra');
    await h.send(alice, roomA, 'zebra zebra zebra zebras everywhere');
    const ranked = await roomEvents(alice, { search_term: 'zebra', order_by: 'rank' });
    expect(bodies(ranked)[0]).toBe('zebra zebra zebra zebras everywhere');
    expect(ranked.results[0]?.rank).toBeGreaterThan(ranked.results[1]?.rank as number);
  });

  it('next_batch pages through every result exactly once (rank and recent)', async () => {
    for (let i = 0; i < 5; i++) await h.send(alice, roomA, `kiwi number ${i}`);
    for (const order_by of ['rank', 'recent']) {
      const seen: string[] = [];
      let next: string | undefined;
      for (let i = 0; i < 10; i++) {
        const page = await roomEvents(alice, { search_term: 'kiwi', order_by, filter: { limit: 2 } }, next);
        expect(page.results.length).toBeLessThanOrEqual(2);
        seen.push(...page.results.map((r) => r.result.event_id));
        if (!page.next_batch) break;
        next = page.next_batch;
      }
      expect(seen).toHaveLength(5);
      expect(new Set(seen).size).toBe(5);
    }
  });

  it('the filter applies (rooms, senders)', async () => {
    expect(bodies(await roomEvents(bob, { search_term: 'banana', filter: { rooms: [roomB] } }))).toEqual(['secret banana stash']);
    expect(bodies(await roomEvents(bob, { search_term: 'apples', filter: { senders: [bob.userId] } }))).toEqual(['apples are fine']);
  });

  it('a redacted event is removed from the index', async () => {
    const id = await h.send(alice, roomA, 'mango tango');
    expect((await roomEvents(alice, { search_term: 'mango' })).results.map((r) => r.result.event_id)).toEqual([id]);
    const res = await t.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(roomA)}/redact/${enc(id)}/r1`, payload: {} });
    expect(res.statusCode).toBe(200);
    const after = await roomEvents(alice, { search_term: 'mango' });
    expect(after.results).toEqual([]);
    expect(after.count).toBe(0);
  });

  it('history visibility applies: a later joiner does not find what was said before under "joined"', async () => {
    const room = await t.createRoom(alice, { preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', state_key: '', content: { history_visibility: 'joined' } }] });
    await h.send(alice, room, 'papaya before');
    const carol = await t.user('carol');
    await t.join(carol, room);
    await h.send(alice, room, 'papaya after');
    expect(bodies(await roomEvents(carol, { search_term: 'papaya' }))).toEqual(['papaya after']);
    expect(bodies(await roomEvents(alice, { search_term: 'papaya', order_by: 'recent' }))).toEqual(['papaya after', 'papaya before']);
  });

  it('a user who left the room no longer finds its events; with include_leave, those up to the leave', async () => {
    const dave = await t.user('dave');
    await t.join(dave, roomA);
    await h.send(alice, roomA, 'cherry seen by dave');
    expect(bodies(await roomEvents(dave, { search_term: 'cherry' }))).toEqual(['cherry seen by dave']);
    await h.leave(dave, roomA);
    await h.send(alice, roomA, 'cherry after dave left');
    expect((await roomEvents(dave, { search_term: 'cherry' })).results).toEqual([]);
    expect(bodies(await roomEvents(dave, { search_term: 'cherry', filter: { include_leave: true } }))).toEqual(['cherry seen by dave']);
  });

  it('event_context gives events before and after each result, tokens and profiles', async () => {
    const r = await roomEvents(alice, { search_term: 'apples', order_by: 'recent', event_context: { before_limit: 1, after_limit: 1, include_profile: true }, filter: { limit: 1 } });
    const ctx = r.results[0]?.context;
    expect(r.results[0]?.result.content['body']).toBe('banana bread with apples');
    expect(ctx?.events_before.map((e) => e.content['body'])).toEqual(['apples are fine']);
    expect(ctx?.events_after).toHaveLength(1);
    expect(ctx?.start).toMatch(/^s\d+$/);
    expect(ctx?.end).toMatch(/^s\d+$/);
    expect(Object.keys(ctx?.profile_info ?? {})).toEqual(expect.arrayContaining([alice.userId, bob.userId]));
  });

  it('include_state gives the current state of each room in the results', async () => {
    const r = await roomEvents(bob, { search_term: 'secret', include_state: true });
    expect(r.state?.[roomB]?.some((e) => e.type === 'm.room.create')).toBe(true);
  });

  it('search terms are words, never query syntax: quotes, operators and SQL are harmless', async () => {
    for (const term of ['"banana', 'banana OR 1=1', "'; DROP TABLE events; --", 'NEAR(a b)', 'a:* & !b', '***', '']) {
      const res = await search(alice, { search_term: term });
      expect(res.statusCode).toBe(200);
    }
    expect(bodies(await roomEvents(alice, { search_term: '"banana" (bread)*' }))).toEqual(['banana bread with apples']);
  });

  it.each([
    ['no search_categories', {}],
    ['no search_term', { search_categories: { room_events: {} } }],
    ['a bad order_by', { search_categories: { room_events: { search_term: 'x', order_by: 'best' } } }],
    ['a bad key', { search_categories: { room_events: { search_term: 'x', keys: ['content.secret'] } } }],
    ['a bad filter', { search_categories: { room_events: { search_term: 'x', filter: { limit: -1 } } } }],
  ])('%s is 400 (M_BAD_JSON, or M_MISSING_PARAM for a missing required field)', async (_n, payload) => {
    const res = await t.as(alice, { method: 'POST', url: '/_matrix/client/v3/search', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().errcode).toMatch(/^M_(BAD_JSON|MISSING_PARAM)$/);
  });

  it('a bad next_batch is 400 M_INVALID_PARAM', async () => {
    const res = await search(alice, { search_term: 'banana' }, 'xyz');
    expect(res.statusCode).toBe(400);
    expect(res.json().errcode).toBe('M_INVALID_PARAM');
  });
});
