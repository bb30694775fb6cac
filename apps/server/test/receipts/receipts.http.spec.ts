import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type SyncResponse } from '../reading/reading-helpers';

type Ephemeral = Array<{ type: string; content: Record<string, Record<string, Record<string, { ts: number; thread_id?: string }>>> }>;
const ephemeralOf = (s: SyncResponse, roomId: string) => ((s.rooms.join[roomId]?.['ephemeral'] as { events: Ephemeral } | undefined)?.events ?? []);
const receiptsOf = (s: SyncResponse, roomId: string) => ephemeralOf(s, roomId).filter((e) => e.type === 'm.receipt');

/** Issue 15: POST /receipt, POST /read_markers, m.receipt in /sync, m.fully_read account data. */
describe.each(await dbKinds())('receipts and read markers on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let roomId: string;
  let otherRoom: string;
  const h = createReadingHelpers(() => t);

  const receipt = (user: TestUser, room: string, type: string, eventId: string, body: Record<string, unknown> = {}) =>
    t.as(user, { method: 'POST', url: `/_matrix/client/v3/rooms/${enc(room)}/receipt/${enc(type)}/${enc(eventId)}`, payload: body });
  const markers = (user: TestUser, room: string, body: Record<string, unknown>) =>
    t.as(user, { method: 'POST', url: `/_matrix/client/v3/rooms/${enc(room)}/read_markers`, payload: body });

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    carol = await t.user('carol');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
    otherRoom = await t.createRoom(carol, {});
  });
  afterAll(async () => t.close());

  it('a public m.read receipt reaches the other members as m.receipt, with ts', async () => {
    const eventId = await h.send(alice, roomId, 'hello');
    const before = await h.sync(bob);
    const res = await receipt(alice, roomId, 'm.read', eventId);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({});
    const s = await h.sync(bob, { since: before.next_batch });
    const [ev] = receiptsOf(s, roomId);
    expect(ev?.content[eventId]?.['m.read']?.[alice.userId]?.ts).toEqual(expect.any(Number));
    expect(ev?.content[eventId]?.['m.read']?.[alice.userId]?.thread_id).toBeUndefined();
    // An initial sync has it too; a quiet incremental sync does not repeat it.
    expect(receiptsOf(await h.sync(bob), roomId)).toHaveLength(1);
    expect(receiptsOf(await h.sync(bob, { since: s.next_batch }), roomId)).toEqual([]);
  });

  it('thread_id is carried to the receipt', async () => {
    const root = await h.send(alice, roomId, 'root');
    const before = await h.sync(bob);
    expect((await receipt(alice, roomId, 'm.read', root, { thread_id: 'main' })).statusCode).toBe(200);
    const s = await h.sync(bob, { since: before.next_batch });
    expect(receiptsOf(s, roomId)[0]?.content[root]?.['m.read']?.[alice.userId]?.thread_id).toBe('main');
  });

  it('a private receipt goes only to its owner', async () => {
    const eventId = await h.send(bob, roomId, 'secret read');
    const bobBefore = await h.sync(bob);
    const aliceBefore = await h.sync(alice);
    expect((await receipt(alice, roomId, 'm.read.private', eventId)).statusCode).toBe(200);
    const own = await h.sync(alice, { since: aliceBefore.next_batch });
    expect(receiptsOf(own, roomId)[0]?.content[eventId]?.['m.read.private']?.[alice.userId]).toBeDefined();
    const other = await h.sync(bob, { since: bobBefore.next_batch });
    expect(JSON.stringify(receiptsOf(other, roomId))).not.toContain('m.read.private');
    expect(JSON.stringify(receiptsOf(await h.sync(bob), roomId))).not.toContain('m.read.private');
  });

  it('receipts only move forward', async () => {
    const older = await h.send(bob, roomId, 'older');
    const newer = await h.send(bob, roomId, 'newer');
    expect((await receipt(alice, roomId, 'm.read', newer)).statusCode).toBe(200);
    expect((await receipt(alice, roomId, 'm.read', older)).statusCode).toBe(200);
    const s = await h.sync(bob);
    const mine = receiptsOf(s, roomId).flatMap((e) => Object.entries(e.content).filter(([, r]) => r['m.read']?.[alice.userId] && !r['m.read'][alice.userId]?.thread_id).map(([id]) => id));
    expect(mine).toEqual([newer]);
  });

  it('m.fully_read through /receipt is room account data', async () => {
    const eventId = await h.send(bob, roomId, 'fully');
    expect((await receipt(alice, roomId, 'm.fully_read', eventId)).statusCode).toBe(200);
    const got = await t.as(alice, { method: 'GET', url: `/_matrix/client/v3/user/${enc(alice.userId)}/rooms/${enc(roomId)}/account_data/m.fully_read` });
    expect(got.json()).toEqual({ event_id: eventId });
    expect(receiptsOf(await h.sync(bob), roomId).some((e) => JSON.stringify(e).includes('m.fully_read'))).toBe(false);
  });

  it('read_markers sets m.fully_read, m.read and m.read.private at once', async () => {
    const a = await h.send(bob, roomId, 'a');
    const b = await h.send(bob, roomId, 'b');
    const before = await h.sync(alice);
    expect((await markers(alice, roomId, { 'm.fully_read': a, 'm.read': b, 'm.read.private': b })).statusCode).toBe(200);
    const s = await h.sync(alice, { since: before.next_batch });
    expect(s.rooms.join[roomId]?.account_data.events).toEqual([{ type: 'm.fully_read', content: { event_id: a } }]);
    const content = receiptsOf(s, roomId)[0]?.content[b];
    expect(content?.['m.read']?.[alice.userId]).toBeDefined();
    expect(content?.['m.read.private']?.[alice.userId]).toBeDefined();
  });

  it('read_markers with a bad event changes nothing', async () => {
    const good = await h.send(bob, roomId, 'good');
    const res = await markers(alice, roomId, { 'm.read': good, 'm.fully_read': '$nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ errcode: 'M_NOT_FOUND' });
    expect(receiptsOf(await h.sync(bob), roomId).some((e) => e.content[good])).toBe(false);
    const bad = await markers(alice, roomId, { 'm.read': 42 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errcode: 'M_BAD_JSON' });
  });

  it.each([
    ['an unknown receipt type', 'm.nope', {}, 400, 'M_INVALID_PARAM'],
    ['a thread_id on m.fully_read', 'm.fully_read', { thread_id: 'main' }, 400, 'M_INVALID_PARAM'],
    ['an empty thread_id', 'm.read', { thread_id: '' }, 400, 'M_INVALID_PARAM'],
    // The body's schema (receipts.yaml) is checked at the edge: a wrong type is M_BAD_JSON there.
    ['a thread_id that is not a string', 'm.read', { thread_id: 5 }, 400, 'M_BAD_JSON'],
    ['a thread_id that is neither "main" nor an event ID', 'm.read', { thread_id: 'thread' }, 400, 'M_INVALID_PARAM'],
  ] as const)('refuses %s', async (_name, type, body, status, errcode) => {
    const eventId = await h.send(alice, roomId, 'x');
    const res = await receipt(alice, roomId, type, eventId, body);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ errcode });
  });

  it('a receipt in a room one is not joined to is 403; an event of another room is 404', async () => {
    const eventId = await h.send(alice, roomId, 'y');
    const res = await receipt(carol, roomId, 'm.read', eventId);
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ errcode: 'M_FORBIDDEN' });
    const elsewhere = await receipt(carol, otherRoom, 'm.read', eventId);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ errcode: 'M_NOT_FOUND' });
    expect((await receipt(alice, '!nope:test.local', 'm.read', eventId)).statusCode).toBe(403);
  });

  it('a receipt wakes a long-polling /sync of another member', async () => {
    const eventId = await h.send(alice, roomId, 'wake');
    const { next_batch } = await h.sync(bob);
    const poll = h.sync(bob, { since: next_batch, timeout: '10000' });
    await new Promise((r) => setTimeout(r, 200));
    const sentAt = performance.now();
    await receipt(alice, roomId, 'm.read', eventId);
    const s = await poll;
    expect(performance.now() - sentAt).toBeLessThan(2000);
    expect(receiptsOf(s, roomId)[0]?.content[eventId]).toBeDefined();
  });

  it('the token carries the receipts position; the ephemeral filter can leave receipts out', async () => {
    const s = await h.sync(bob);
    const parts = s.next_batch.slice(1).split('_').map(Number);
    const pos = await t.data.db.prisma.streamPosition.findUnique({ where: { name: 'receipts' } });
    expect(parts[4]).toBe(Number(pos?.position));
    const filtered = await h.sync(bob, { filter: JSON.stringify({ room: { ephemeral: { not_types: ['m.receipt'] } } }) });
    expect(receiptsOf(filtered, roomId)).toEqual([]);
  });
});
