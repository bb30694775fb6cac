import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers } from './reading-helpers';

/** GET /sync: initial and incremental sync, long-polling, invites, leaves (sync.yaml). */
describe.each(await dbKinds())('/sync on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  const h = createReadingHelpers(() => t);

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, { preset: 'public_chat', name: 'Reading room' });
    await t.join(bob, roomId);
  });
  afterAll(async () => t.close());

  it('initial sync shows a created room with its state and timeline', async () => {
    const carol = await t.user('carol');
    const room = await t.createRoom(carol, { name: 'Carol' });
    await h.send(carol, room, 'hello');
    const s = await h.sync(carol);
    expect(s.next_batch).toMatch(/^s\d+(_\d+){6}$/);
    const joined = s.rooms.join[room];
    expect(joined).toBeDefined();
    const timeline = joined?.timeline.events ?? [];
    expect(timeline.at(-1)).toMatchObject({ type: 'm.room.message', content: { body: 'hello' }, sender: carol.userId });
    expect(timeline.every((e) => e.room_id === undefined && typeof e.event_id === 'string')).toBe(true);
    // The state at the start of the timeline plus the timeline's state events make up the whole room.
    const synced = [...(joined?.state.events ?? []), ...timeline].filter((e) => e.state_key !== undefined).map((e) => e.event_id);
    const current = (await h.get(carol, `/_matrix/client/v3/rooms/${encodeURIComponent(room)}/state`)).json() as Array<{ event_id: string; type: string }>;
    expect(new Set(synced)).toEqual(new Set(current.map((e) => e.event_id)));
    expect(current.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.member', 'm.room.power_levels', 'm.room.name']));
    expect(joined?.timeline.prev_batch).toMatch(/^s\d+$/);
    expect(joined).toMatchObject({
      ephemeral: { events: [] },
      unread_notifications: { highlight_count: 0, notification_count: 0 },
      summary: { 'm.joined_member_count': 1, 'm.invited_member_count': 0, 'm.heroes': [] },
    });
    expect(s).toMatchObject({ to_device: { events: [] }, device_lists: { changed: [], left: [] }, presence: { events: [] } });
    expect(s.device_one_time_keys_count).toEqual({ signed_curve25519: 0 });
  });

  it('a long room gives a limited timeline of the default 10 events, and the state before it', async () => {
    const dave = await t.user('dave');
    const room = await t.createRoom(dave, {});
    for (let i = 0; i < 15; i++) await h.send(dave, room, `m${i}`);
    const joined = (await h.sync(dave)).rooms.join[room];
    expect(joined?.timeline.events.map((e) => e.content['body'])).toEqual(['m5', 'm6', 'm7', 'm8', 'm9', 'm10', 'm11', 'm12', 'm13', 'm14']);
    expect(joined?.timeline.limited).toBe(true);
    expect(joined?.state.events.map((e) => e.type)).toContain('m.room.create');
  });

  it('a message sent after `since` appears in the next incremental sync, and only there', async () => {
    const first = await h.sync(bob);
    const eventId = await h.send(alice, roomId, 'after since');
    const next = await h.sync(bob, { since: first.next_batch });
    const room = next.rooms.join[roomId];
    expect(room?.timeline.events.map((e) => e.event_id)).toEqual([eventId]);
    expect(room?.timeline.limited).toBe(false);
    expect(room?.state.events).toEqual([]);
    const again = await h.sync(bob, { since: next.next_batch });
    expect(again.rooms.join[roomId]).toBeUndefined();
  });

  it('an incremental sync over more than the limit is limited and carries the state delta', async () => {
    const first = await h.sync(bob);
    const topic = await t.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/m.room.topic/`, payload: { topic: 'gap' } });
    for (let i = 0; i < 4; i++) await h.send(alice, roomId, `burst ${i}`);
    const s = await h.sync(bob, { since: first.next_batch, filter: JSON.stringify({ room: { timeline: { limit: 2 } } }) });
    const room = s.rooms.join[roomId];
    expect(room?.timeline.events.map((e) => e.content['body'])).toEqual(['burst 2', 'burst 3']);
    expect(room?.timeline.limited).toBe(true);
    expect(topic.statusCode).toBe(200);
    expect(room?.state.events.map((e) => e.type)).toEqual(['m.room.topic']);
  });

  it('a long-poll is answered within about a second of a send by another user', async () => {
    const { next_batch } = await h.sync(bob);
    const started = performance.now();
    const poll = h.sync(bob, { since: next_batch, timeout: '10000' });
    await new Promise((r) => setTimeout(r, 300));
    const eventId = await h.send(alice, roomId, 'wake up');
    const sentAt = performance.now();
    const s = await poll;
    const answeredAt = performance.now();
    expect(s.rooms.join[roomId]?.timeline.events.map((e) => e.event_id)).toEqual([eventId]);
    expect(answeredAt - sentAt).toBeLessThan(1000);
    expect(answeredAt - started).toBeGreaterThanOrEqual(250);
  });

  it('a long-poll with nothing new waits for the timeout and returns an empty answer', async () => {
    const { next_batch } = await h.sync(bob);
    const started = performance.now();
    const s = await h.sync(bob, { since: next_batch, timeout: '400' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
    expect(s.rooms.join).toEqual({});
    expect(s.next_batch).toBe(next_batch);
  });

  it('invites appear under rooms.invite with stripped state and the invite event', async () => {
    const erin = await t.user('erin');
    const { next_batch } = await h.sync(erin);
    const room = await t.createRoom(alice, { name: 'Invite only' });
    await h.invite(alice, room, erin.userId);
    const s = await h.sync(erin, { since: next_batch });
    const events = s.rooms.invite[room]?.invite_state.events ?? [];
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.join_rules', 'm.room.name', 'm.room.member']));
    expect(events.at(-1)).toMatchObject({ type: 'm.room.member', state_key: erin.userId, sender: alice.userId, content: { membership: 'invite' } });
    expect(typeof events.at(-1)?.event_id).toBe('string');
    expect(s.rooms.join[room]).toBeUndefined();
    // Joining moves the room to rooms.join with its full state.
    await t.join(erin, room);
    const joined = await h.sync(erin, { since: s.next_batch });
    expect(joined.rooms.invite[room]).toBeUndefined();
    const all = [...(joined.rooms.join[room]?.state.events ?? []), ...(joined.rooms.join[room]?.timeline.events ?? [])];
    expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(['m.room.create', 'm.room.power_levels', 'm.room.name']));
  });

  it('a leave appears under rooms.leave with the timeline up to the leave', async () => {
    const frank = await t.user('frank');
    await t.join(frank, roomId);
    const { next_batch } = await h.sync(frank);
    await h.send(alice, roomId, 'before frank leaves');
    await h.leave(frank, roomId);
    await h.send(alice, roomId, 'after frank left');
    const s = await h.sync(frank, { since: next_batch });
    expect(s.rooms.join[roomId]).toBeUndefined();
    const left = s.rooms.leave[roomId];
    const bodies = left?.timeline.events.map((e) => e.content['body'] ?? e.content['membership']);
    expect(bodies).toEqual(['before frank leaves', 'leave']);
    // Nothing after the leave, and no more news for frank.
    const later = await h.sync(frank, { since: s.next_batch });
    expect(later.rooms.leave[roomId]).toBeUndefined();
    // An initial sync shows left rooms only when the filter asks (room.include_leave).
    expect((await h.sync(frank)).rooms.leave[roomId]).toBeUndefined();
    const withLeave = await h.sync(frank, { filter: JSON.stringify({ room: { include_leave: true } }) });
    expect(withLeave.rooms.leave[roomId]?.timeline.events.at(-1)).toMatchObject({ type: 'm.room.member', state_key: frank.userId, content: { membership: 'leave' } });
    expect(withLeave.rooms.leave[roomId]?.state.events.map((e) => e.type)).toContain('m.room.create');
  });

  it('a rejected invite appears under rooms.leave without the room state', async () => {
    const gina = await t.user('gina');
    const room = await t.createRoom(alice, { name: 'Secret name' });
    await h.invite(alice, room, gina.userId);
    const { next_batch } = await h.sync(gina);
    await h.leave(gina, room);
    const left = (await h.sync(gina, { since: next_batch })).rooms.leave[room];
    expect(left?.timeline.events.map((e) => e.content['membership'])).toEqual(['invite', 'leave']);
    expect(left?.state.events).toEqual([]);
  });

  it('full_state=true returns every joined room with its whole state', async () => {
    const { next_batch } = await h.sync(bob);
    const s = await h.sync(bob, { since: next_batch, full_state: 'true' });
    const types = s.rooms.join[roomId]?.state.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['m.room.create', 'm.room.power_levels', 'm.room.member']));
  });

  it('the r0 prefix serves the same sync', async () => {
    const res = await h.get(bob, '/_matrix/client/r0/sync?_cacheBuster=1&set_presence=offline&org.matrix.msc4222.use_state_after=true');
    expect(res.statusCode).toBe(200);
    expect(res.json().rooms.join[roomId]).toBeDefined();
  });
});
