import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type SyncResponse } from '../reading/reading-helpers';

type Counts = { notification_count: number; highlight_count: number };
const unread = (s: SyncResponse, roomId: string) => s.rooms.join[roomId]?.['unread_notifications'] as Counts | undefined;
const threadsOf = (s: SyncResponse, roomId: string) => s.rooms.join[roomId]?.['unread_thread_notifications'] as Record<string, Counts> | undefined;

/** Issue 15: unread_notifications from the user's push rules, reset by the user's read receipt. */
describe.each(await dbKinds())('unread counts on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  const h = createReadingHelpers(() => t);

  const sendContent = async (user: TestUser, roomId: string, content: Record<string, unknown>, type = 'm.room.message') => {
    const res = await t.as(user, { method: 'PUT', url: sendPath(roomId, type, `u${Math.random().toString(36).slice(2)}`), payload: content });
    if (res.statusCode !== 200) throw new Error(`send ${res.statusCode} ${res.body}`);
    return (res.json() as { event_id: string }).event_id;
  };
  const read = async (user: TestUser, roomId: string, eventId: string, type = 'm.read', body: Record<string, unknown> = {}) => {
    const res = await t.as(user, { method: 'POST', url: `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/${type}/${enc(eventId)}`, payload: body });
    expect(res.statusCode).toBe(200);
  };
  const groupRoom = async () => {
    const roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    await t.join(carol, roomId);
    return roomId;
  };

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    carol = await t.user('carol');
  });
  afterAll(async () => t.close());

  it('.m.rule.message: others\' messages after the read receipt count; the receipt resets them', async () => {
    const roomId = await groupRoom();
    await h.send(bob, roomId, 'one');
    const second = await h.send(carol, roomId, 'two');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 2, highlight_count: 0 });
    await read(alice, roomId, second);
    const afterRead = await h.sync(alice);
    expect(unread(afterRead, roomId)).toEqual({ notification_count: 0, highlight_count: 0 });
    await h.send(bob, roomId, 'three');
    // Incremental: the room is there for its new event, with the count since the receipt.
    expect(unread(await h.sync(alice, { since: afterRead.next_batch }), roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
  });

  it('messages from before the user joined never count', async () => {
    const roomId = await t.createRoom(carol, { preset: 'public_chat' });
    await h.send(carol, roomId, 'old one');
    await h.send(carol, roomId, 'old two');
    await t.join(alice, roomId);
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 0, highlight_count: 0 });
    await h.send(carol, roomId, 'new');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
    // A display-name change (a join after a join) keeps the count.
    const res = await t.as(alice, {
      method: 'PUT',
      url: `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.member/${enc(alice.userId)}`,
      payload: { membership: 'join', displayname: 'Alice' },
    });
    expect(res.statusCode).toBe(200);
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
  });

  it('the user\'s own messages never count', async () => {
    const roomId = await groupRoom();
    await h.send(alice, roomId, 'mine');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 0, highlight_count: 0 });
  });

  it('.m.rule.is_user_mention and .m.rule.contains_user_name highlight', async () => {
    const roomId = await groupRoom();
    await sendContent(bob, roomId, { msgtype: 'm.text', body: 'look', 'm.mentions': { user_ids: [alice.userId] } });
    await h.send(bob, roomId, `hey ${alice.userId.slice(1).split(':')[0]}`);
    await h.send(bob, roomId, 'plain');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 3, highlight_count: 2 });
  });

  it('.m.rule.suppress_notices, .m.rule.reaction and state changes do not count', async () => {
    const roomId = await groupRoom();
    const target = await sendContent(bob, roomId, { msgtype: 'm.notice', body: 'bot' });
    await sendContent(bob, roomId, { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '👍' } }, 'm.reaction');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 0, highlight_count: 0 });
  });

  it('.m.rule.room_one_to_one: a two-member room counts', async () => {
    const roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    await h.send(bob, roomId, 'dm');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
  });

  it('a private read receipt resets the counts too; a receipt on an older event does not', async () => {
    const roomId = await groupRoom();
    const first = await h.send(bob, roomId, 'a');
    const last = await h.send(bob, roomId, 'b');
    await read(alice, roomId, first, 'm.read.private');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
    await read(alice, roomId, last, 'm.read.private');
    await read(alice, roomId, first, 'm.read');
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 0, highlight_count: 0 });
  });

  it('unread_thread_notifications: thread events counted per thread when the filter asks, cleared by a thread receipt', async () => {
    const roomId = await groupRoom();
    const root = await h.send(bob, roomId, 'root');
    const inThread = (body: string) => sendContent(carol, roomId, { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.thread', event_id: root } });
    await inThread('t1');
    const t2 = await inThread('t2');
    const threaded = JSON.stringify({ room: { timeline: { unread_thread_notifications: true } } });
    let s = await h.sync(alice, { filter: threaded });
    expect(unread(s, roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
    expect(threadsOf(s, roomId)).toEqual({ [root]: { notification_count: 2, highlight_count: 0 } });
    // Without the filter: one total, and no per-thread section.
    s = await h.sync(alice);
    expect(unread(s, roomId)).toEqual({ notification_count: 3, highlight_count: 0 });
    expect(threadsOf(s, roomId)).toBeUndefined();
    await read(alice, roomId, t2, 'm.read', { thread_id: root });
    s = await h.sync(alice, { filter: threaded });
    expect(unread(s, roomId)).toEqual({ notification_count: 1, highlight_count: 0 });
    expect(threadsOf(s, roomId)).toEqual({});
    await read(alice, roomId, root, 'm.read', { thread_id: 'main' });
    expect(unread(await h.sync(alice), roomId)).toEqual({ notification_count: 0, highlight_count: 0 });
  });
});
