import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type ClientEvent } from './reading-helpers';

interface Page {
  chunk: ClientEvent[];
  next_batch?: string;
  prev_batch?: string;
  recursion_depth?: number;
}

type Relations = Record<string, { latest_event?: ClientEvent; count?: number; current_user_participated?: boolean } & Partial<ClientEvent>>;
const relationsOf = (e: ClientEvent | undefined) => (e?.unsigned?.['m.relations'] ?? undefined) as Relations | undefined;

/**
 * GET /_matrix/client/v1/rooms/{roomId}/relations/… (relations.yaml), GET …/threads
 * (threads_list.yaml) and the bundled aggregations (m.thread, m.replace) in every read.
 */
describe.each(await dbKinds())('relations, threads and bundled aggregations on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  const h = createReadingHelpers(() => t);
  let txn = 0;
  const sendEvent = async (user: TestUser, type: string, content: Record<string, unknown>, room = roomId) => {
    const res = await t.as(user, { method: 'PUT', url: sendPath(room, type, `rel${txn++}`), payload: content });
    if (res.statusCode !== 200) throw new Error(`send ${res.statusCode} ${res.body}`);
    return (res.json() as { event_id: string }).event_id;
  };
  const reply = (user: TestUser, root: string, body: string, room = roomId) =>
    sendEvent(user, 'm.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.thread', event_id: root } }, room);
  const react = (user: TestUser, target: string, key: string) => sendEvent(user, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key } });
  const edit = (user: TestUser, target: string, body: string) =>
    sendEvent(user, 'm.room.message', {
      msgtype: 'm.text',
      body: `* ${body}`,
      'm.new_content': { msgtype: 'm.text', body },
      'm.relates_to': { rel_type: 'm.replace', event_id: target },
    });
  const redact = async (user: TestUser, eventId: string) => {
    const res = await t.as(user, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(roomId)}/redact/${enc(eventId)}/red${txn++}`, payload: {} });
    expect(res.statusCode).toBe(200);
  };
  const relations = async (user: TestUser, eventId: string, suffix = '', query = '', room = roomId) =>
    h.get(user, `/_matrix/client/v1/rooms/${enc(room)}/relations/${enc(eventId)}${suffix}${query ? `?${query}` : ''}`);
  const threads = async (user: TestUser, query = '', room = roomId) => h.get(user, `/_matrix/client/v1/rooms/${enc(room)}/threads${query ? `?${query}` : ''}`);
  const ids = (page: Page) => page.chunk.map((e) => e.event_id);

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
    await t.join(bob, roomId);
  });
  afterAll(async () => t.close());

  describe('GET /relations', () => {
    let parent: string;
    let children: string[];
    beforeAll(async () => {
      parent = await h.send(alice, roomId, 'parent');
      children = [];
      children.push(await react(bob, parent, '👍'));
      children.push(await reply(bob, parent, 'r1'));
      await h.send(alice, roomId, 'unrelated');
      children.push(await react(alice, parent, '🎉'));
      children.push(await reply(alice, parent, 'r2'));
      children.push(await sendEvent(bob, 'm.room.message', { msgtype: 'm.text', body: 'ref', 'm.relates_to': { rel_type: 'm.reference', event_id: parent } }));
    });

    it('lists every event relating to the parent, newest first by default, and nothing else', async () => {
      const res = await relations(bob, parent, '', 'limit=50');
      expect(res.statusCode).toBe(200);
      const page = res.json() as Page;
      expect(ids(page)).toEqual([...children].reverse());
      expect(page.next_batch).toBeUndefined();
      expect(page.recursion_depth).toBeUndefined();
    });

    it('dir=f lists oldest first', async () => {
      expect(ids((await relations(bob, parent, '', 'dir=f&limit=50')).json() as Page)).toEqual(children);
    });

    it('relType and eventType filter the children', async () => {
      expect(ids((await relations(bob, parent, '/m.thread')).json() as Page)).toEqual([children[3], children[1]]);
      expect(ids((await relations(bob, parent, '/m.annotation/m.reaction')).json() as Page)).toEqual([children[2], children[0]]);
      expect(ids((await relations(bob, parent, '/m.annotation/m.room.message')).json() as Page)).toEqual([]);
    });

    it('next_batch pages through every child exactly once, in both directions', async () => {
      for (const dir of ['b', 'f'] as const) {
        const seen: string[] = [];
        let from: string | undefined;
        for (let i = 0; i < 10; i++) {
          const page = (await relations(bob, parent, '', `dir=${dir}&limit=2${from ? `&from=${enc(from)}` : ''}`)).json() as Page;
          seen.push(...ids(page));
          if (!page.next_batch) break;
          from = page.next_batch;
        }
        expect(seen).toEqual(dir === 'b' ? [...children].reverse() : children);
      }
    });

    it('the default limit is 5', async () => {
      const page = (await relations(bob, parent, '', '')).json() as Page;
      expect(page.chunk).toHaveLength(5);
    });

    it('recurse=true adds relations of relations, and recursion_depth', async () => {
      const deep = await react(alice, children[1] as string, '👀');
      const flat = (await relations(bob, parent, '', 'limit=50')).json() as Page;
      expect(ids(flat)).not.toContain(deep);
      const page = (await relations(bob, parent, '', 'limit=50&recurse=true')).json() as Page;
      expect(ids(page)[0]).toBe(deep);
      expect(ids(page)).toHaveLength(children.length + 1);
      expect(page.recursion_depth).toBe(3);
      const filtered = (await relations(bob, parent, '/m.annotation', 'recurse=true&limit=50')).json() as Page;
      expect(ids(filtered)).toEqual([deep, children[2], children[0]]);
    });

    it('a redacted child is no longer listed', async () => {
      const p = await h.send(alice, roomId, 'short-lived reaction');
      const r = await react(bob, p, '🙃');
      expect(ids((await relations(alice, p)).json() as Page)).toEqual([r]);
      await redact(bob, r);
      expect(ids((await relations(alice, p)).json() as Page)).toEqual([]);
    });

    it('a non-member is 403 M_FORBIDDEN; an unknown parent or one in another room 404 M_NOT_FOUND', async () => {
      const stranger = await t.user('stranger');
      expect((await relations(stranger, parent)).json().errcode).toBe('M_FORBIDDEN');
      const other = await t.createRoom(bob, {});
      const elsewhere = await h.send(bob, other, 'elsewhere');
      for (const id of ['$nope:test.local', elsewhere]) {
        const res = await relations(bob, id);
        expect(res.statusCode).toBe(404);
        expect(res.json().errcode).toBe('M_NOT_FOUND');
      }
    });

    it('a NUL in relType or eventType is 400, never 500', async () => {
      for (const suffix of ['/m.an%00notation', '/m.annotation/m.re%00action']) {
        const res = await relations(bob, parent, suffix);
        expect(res.statusCode).toBe(400);
      }
    });

    it.each(['dir=x', 'limit=-2', 'from=garbage', 'recurse=maybe'])('a bad parameter (%s) is 400 M_INVALID_PARAM', async (q) => {
      const res = await relations(bob, parent, '', q);
      expect(res.statusCode).toBe(400);
      expect(res.json().errcode).toBe('M_INVALID_PARAM');
    });
  });

  describe('bundled aggregations', () => {
    it('m.thread: latest_event, count and current_user_participated, in /event, /messages, /context and /sync', async () => {
      const carol = await t.user('carol');
      await t.join(carol, roomId);
      const root = await h.send(alice, roomId, 'thread root');
      await reply(bob, root, 'first reply');
      const latest = await reply(bob, root, 'second reply');
      const check = (e: ClientEvent | undefined, participated: boolean) => {
        const thread = relationsOf(e)?.['m.thread'];
        expect(thread).toMatchObject({ count: 2, current_user_participated: participated });
        expect(thread?.latest_event).toMatchObject({ event_id: latest, content: { body: 'second reply' } });
      };
      const event = (u: TestUser) => h.get(u, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(root)}`);
      check((await event(alice)).json() as ClientEvent, true);
      check((await event(bob)).json() as ClientEvent, true);
      check((await event(carol)).json() as ClientEvent, false);
      const messages = (await h.get(bob, `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=b&limit=3`)).json() as { chunk: ClientEvent[] };
      check(messages.chunk.find((e) => e.event_id === root), true);
      const context = (await h.get(carol, `/_matrix/client/v3/rooms/${enc(roomId)}/context/${enc(root)}?limit=2`)).json() as { event: ClientEvent };
      check(context.event, false);
      const sync = await h.sync(bob);
      check(sync.rooms.join[roomId]?.timeline.events.find((e) => e.event_id === root), true);
      expect(relationsOf(messages.chunk.find((e) => e.event_id === latest))).toBeUndefined();
    });

    it('m.replace: the newest edit by the original sender, in full; an edit by someone else is not bundled', async () => {
      const original = await h.send(alice, roomId, 'typo');
      await edit(alice, original, 'fixed once');
      const newest = await edit(alice, original, 'fixed twice');
      await edit(bob, original, 'not yours to edit');
      const got = (await h.get(bob, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(original)}`)).json() as ClientEvent;
      expect(relationsOf(got)?.['m.replace']).toMatchObject({ event_id: newest, sender: alice.userId, content: { 'm.new_content': { body: 'fixed twice' } } });
      await redact(alice, newest);
      const after = (await h.get(bob, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(original)}`)).json() as ClientEvent;
      expect(relationsOf(after)?.['m.replace']?.content).toMatchObject({ 'm.new_content': { body: 'fixed once' } });
    });

    it("a thread's latest_event carries its own edit", async () => {
      const root = await h.send(alice, roomId, 'root with edited reply');
      const r = await reply(bob, root, 'reply v1');
      const e = await edit(bob, r, 'reply v2');
      const got = (await h.get(alice, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(root)}`)).json() as ClientEvent;
      expect(relationsOf(relationsOf(got)?.['m.thread']?.latest_event)?.['m.replace']?.event_id).toBe(e);
    });

    it('a related event the requester may not see is not bundled (a former member and replies after their leave)', async () => {
      const erin = await t.user('erin');
      await t.join(erin, roomId);
      const root = await h.send(alice, roomId, 'root erin saw');
      await reply(bob, root, 'reply erin saw');
      const original = await h.send(alice, roomId, 'original erin saw');
      await h.leave(erin, roomId);
      await reply(bob, root, 'reply after erin left');
      await edit(alice, original, 'edited after erin left');
      const event = async (id: string) => (await h.get(erin, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(id)}`)).json() as ClientEvent;
      expect(relationsOf(await event(root))).toBeUndefined();
      expect(relationsOf(await event(original))).toBeUndefined();
      expect(relationsOf((await h.get(bob, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(root)}`)).json() as ClientEvent)?.['m.thread']?.count).toBe(2);
    });

    it('a redacted event has no bundled aggregations', async () => {
      const root = await h.send(alice, roomId, 'to be redacted');
      await reply(bob, root, 'reply to redacted');
      await redact(alice, root);
      const got = (await h.get(bob, `/_matrix/client/v3/rooms/${enc(roomId)}/event/${enc(root)}`)).json() as ClientEvent;
      expect(relationsOf(got)).toBeUndefined();
    });
  });

  describe('GET /threads', () => {
    let room: string;
    let roots: string[];
    beforeAll(async () => {
      room = await t.createRoom(alice, { preset: 'public_chat' });
      await t.join(bob, room);
      roots = [];
      for (let i = 0; i < 4; i++) roots.push(await h.send(alice, room, `root ${i}`));
      await reply(bob, roots[0] as string, 'on 0', room);
      await reply(alice, roots[1] as string, 'on 1', room);
      await reply(alice, roots[2] as string, 'on 2', room);
      await reply(alice, roots[0] as string, 'on 0 again', room); // root 0 is now the most active
      await h.send(bob, room, 'not a thread');
    });

    it('lists thread roots by latest activity, each with its m.thread aggregation', async () => {
      const res = await threads(bob, '', room);
      expect(res.statusCode).toBe(200);
      const page = res.json() as Page;
      expect(ids(page)).toEqual([roots[0], roots[2], roots[1]]);
      expect(relationsOf(page.chunk[0])?.['m.thread']).toMatchObject({ count: 2, current_user_participated: true, latest_event: { content: { body: 'on 0 again' } } });
    });

    it('include=participated keeps the threads the user started or replied to', async () => {
      expect(ids((await threads(bob, 'include=participated', room)).json() as Page)).toEqual([roots[0]]);
      expect(ids((await threads(alice, 'include=participated', room)).json() as Page)).toEqual([roots[0], roots[2], roots[1]]);
    });

    it('next_batch pages through every thread exactly once', async () => {
      const first = (await threads(bob, 'limit=2', room)).json() as Page;
      expect(ids(first)).toEqual([roots[0], roots[2]]);
      expect(first.next_batch).toBeDefined();
      const second = (await threads(bob, `limit=2&from=${enc(first.next_batch as string)}`, room)).json() as Page;
      expect(ids(second)).toEqual([roots[1]]);
      expect(second.next_batch).toBeUndefined();
    });

    it('a new reply moves its thread to the top; redacting every reply removes the thread', async () => {
      const r = await reply(bob, roots[3] as string, 'on 3', room);
      expect(ids((await threads(bob, '', room)).json() as Page)[0]).toBe(roots[3]);
      expect(ids((await threads(bob, 'include=participated', room)).json() as Page)).toContain(roots[3]);
      const res = await t.as(bob, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(room)}/redact/${enc(r)}/redr${txn++}`, payload: {} });
      expect(res.statusCode).toBe(200);
      expect(ids((await threads(bob, '', room)).json() as Page)).not.toContain(roots[3]);
      expect(ids((await threads(bob, 'include=participated', room)).json() as Page)).toEqual([roots[0]]);
    });

    it('a non-member is 403; bad parameters are 400', async () => {
      const stranger = await t.user('stranger2');
      expect((await threads(stranger, '', room)).json().errcode).toBe('M_FORBIDDEN');
      for (const q of ['include=some', 'from=s12', 'limit=x']) {
        const res = await threads(bob, q, room);
        expect(res.statusCode).toBe(400);
        expect(res.json().errcode).toBe('M_INVALID_PARAM');
      }
    });
  });
});
