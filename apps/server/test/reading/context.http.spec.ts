import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type ClientEvent } from './reading-helpers';

interface ContextResponse {
  event: ClientEvent;
  events_before: ClientEvent[];
  events_after: ClientEvent[];
  start: string;
  end: string;
  state: ClientEvent[];
}

/** GET /rooms/{roomId}/context/{eventId} (event_context.yaml). */
describe.each(await dbKinds())('GET /context on %s', (kind) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  /** Twelve messages m0..m11, sent by alice (even) and bob (odd). */
  const ids: string[] = [];
  const h = createReadingHelpers(() => t);
  const context = (user: TestUser, eventId: string, query = '', r = roomId) =>
    h.get(user, `/_matrix/client/v3/rooms/${enc(r)}/context/${enc(eventId)}${query ? `?${query}` : ''}`);
  const bodies = (events: ClientEvent[]) => events.map((e) => e.content['body']);

  beforeAll(async () => {
    t = await startTestApp(kind);
    alice = await t.user('alice');
    bob = await t.user('bob');
    roomId = await t.createRoom(alice, { preset: 'public_chat', name: 'Context' });
    await t.join(bob, roomId);
    for (let i = 0; i < 12; i++) ids.push(await h.send(i % 2 === 0 ? alice : bob, roomId, `m${i}`));
  });
  afterAll(async () => t.close());

  it('limit is split floor(limit/2) before (newest first) and the rest after (oldest first)', async () => {
    const res = await context(bob, ids[6] as string, 'limit=5');
    expect(res.statusCode).toBe(200);
    const body = res.json() as ContextResponse;
    expect(body.event).toMatchObject({ event_id: ids[6], room_id: roomId, content: { body: 'm6' } });
    expect(bodies(body.events_before)).toEqual(['m5', 'm4']);
    expect(bodies(body.events_after)).toEqual(['m7', 'm8', 'm9']);
  });

  it('the default limit is 10 (5 before, 5 after)', async () => {
    const body = (await context(bob, ids[6] as string)).json() as ContextResponse;
    expect(bodies(body.events_before)).toEqual(['m5', 'm4', 'm3', 'm2', 'm1']);
    expect(bodies(body.events_after)).toEqual(['m7', 'm8', 'm9', 'm10', 'm11']);
  });

  it('start and end continue with /messages without gap or overlap', async () => {
    const body = (await context(bob, ids[6] as string, 'limit=2')).json() as ContextResponse;
    expect(bodies(body.events_before)).toEqual(['m5']);
    expect(bodies(body.events_after)).toEqual(['m7']);
    const back = (await h.get(bob, `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=b&limit=2&from=${enc(body.start)}`)).json() as { chunk: ClientEvent[] };
    expect(bodies(back.chunk)).toEqual(['m4', 'm3']);
    const fwd = (await h.get(bob, `/_matrix/client/v3/rooms/${enc(roomId)}/messages?dir=f&limit=2&from=${enc(body.end)}`)).json() as { chunk: ClientEvent[] };
    expect(bodies(fwd.chunk)).toEqual(['m8', 'm9']);
  });

  it('the filter applies to the events before and after (skipped events are not counted)', async () => {
    const filter = enc(JSON.stringify({ senders: [alice.userId] }));
    const body = (await context(bob, ids[6] as string, `limit=4&filter=${filter}`)).json() as ContextResponse;
    expect(bodies(body.events_before)).toEqual(['m4', 'm2']);
    expect(bodies(body.events_after)).toEqual(['m8', 'm10']);
  });

  it('state is the room state at the last event returned, not later state', async () => {
    const early = (await context(bob, ids[1] as string, 'limit=0')).json() as ContextResponse;
    const rename = await t.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(roomId)}/state/m.room.name/`, payload: { name: 'Renamed' } });
    expect(rename.statusCode).toBe(200);
    const stateName = (b: ContextResponse) => b.state.find((e) => e.type === 'm.room.name')?.content['name'];
    expect(stateName(early)).toBe('Context');
    const again = (await context(bob, ids[1] as string, 'limit=0')).json() as ContextResponse;
    expect(stateName(again)).toBe('Context');
    const last = (await context(bob, ids[11] as string, 'limit=2')).json() as ContextResponse;
    expect(stateName(last)).toBe('Renamed');
    expect(last.state.some((e) => e.type === 'm.room.create')).toBe(true);
  });

  it('lazy_load_members: state holds only the member events of the senders returned', async () => {
    const filter = enc(JSON.stringify({ lazy_load_members: true, senders: [alice.userId] }));
    const body = (await context(bob, ids[4] as string, `limit=2&filter=${filter}`)).json() as ContextResponse;
    expect(body.state.map((e) => [e.type, e.state_key])).toEqual([['m.room.member', alice.userId]]);
  });

  it('an unknown event, an event of another room and a non-member are all 404 M_NOT_FOUND', async () => {
    const stranger = await t.user('stranger');
    const other = await t.createRoom(bob, {});
    const elsewhere = await h.send(bob, other, 'elsewhere');
    for (const res of [await context(bob, '$unknown:test.local'), await context(bob, elsewhere), await context(stranger, ids[3] as string)]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ errcode: 'M_NOT_FOUND', error: expect.any(String) });
    }
  });

  it('visibility rules apply: with history_visibility joined a newcomer sees nothing from before the join', async () => {
    const owner = await t.user('owner');
    const room = await t.createRoom(owner, { preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', state_key: '', content: { history_visibility: 'joined' } }] });
    const before = await h.send(owner, room, 'before');
    const carol = await t.user('carol');
    await t.join(carol, room);
    const after = await h.send(owner, room, 'after');
    expect((await context(carol, before, '', room)).statusCode).toBe(404);
    const body = (await context(carol, after, '', room)).json() as ContextResponse;
    // Nothing sent under `joined` before carol's join; her own join comes first.
    expect(body.events_before[0]).toMatchObject({ type: 'm.room.member', state_key: carol.userId });
    expect(body.events_before.map((e) => e.event_id)).not.toContain(before);
    expect(body.events_before.filter((e) => e.type === 'm.room.message')).toEqual([]);
  });

  it('a former member sees nothing after their leave in events_after', async () => {
    const dave = await t.user('dave');
    await t.join(dave, roomId);
    const seen = await h.send(alice, roomId, 'dave sees this');
    await h.leave(dave, roomId);
    await h.send(alice, roomId, 'dave left before this');
    const body = (await context(dave, seen, 'limit=10')).json() as ContextResponse;
    expect(body.events_after.map((e) => [e.type, e.state_key])).toEqual([['m.room.member', dave.userId]]);
  });

  it.each(['limit=-1', 'limit=abc', 'filter=notjson'])('a bad parameter (%s) is 400, never 500', async (q) => {
    const res = await context(bob, ids[3] as string, q);
    expect(res.statusCode).toBe(400);
    expect(res.json().errcode).toMatch(/^M_(INVALID_PARAM|NOT_JSON|BAD_JSON)$/);
  });
});
