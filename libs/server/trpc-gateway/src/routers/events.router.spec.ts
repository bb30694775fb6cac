import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { rejection, startGatewayHarness, type Caller, type GatewayHarness } from '../test-support';

/** What createCaller yields for a tracked event: tRPC's envelope [id, data, symbol]. */
type Envelope = [string, { eventId: string; stream: number; roomId: string; content: Record<string, unknown> }, symbol];

describe.each(await dbKinds())('events router on %s', (kind) => {
  let h: GatewayHarness;
  let svc: Caller;
  let alice: string;
  let roomId: string;
  const message = (txnId: string, body: string, extra: Partial<{ roomId: string; type: string; senderUserId: string }> = {}) => ({
    roomId,
    type: 'm.room.message',
    content: { msgtype: 'm.text', body },
    txnId,
    senderUserId: alice,
    ...extra,
  });

  beforeAll(async () => {
    h = await startGatewayHarness(kind);
    svc = h.caller(await h.serviceToken('events:send', 'events:read'));
    alice = (await h.user('alice')).userId;
    roomId = await h.createRoom(alice, { preset: 'public_chat' });
  });
  afterAll(async () => h.close());

  describe('events.send', () => {
    it('sends as the user and returns {eventId}', async () => {
      const { eventId } = await svc.events.send(message('s1', 'hello'));
      expect(eventId).toMatch(/^\$[A-Za-z0-9_-]{43}$/);
      const stored = await h.data.reader.getEvent(eventId);
      expect(stored).toMatchObject({ sender: alice, roomId, type: 'm.room.message' });
    });

    it('the same txnId twice is one event (exactly once), even with another body', async () => {
      const a = await svc.events.send(message('dup', 'one'));
      const b = await svc.events.send(message('dup', 'two'));
      expect(b.eventId).toBe(a.eventId);
      expect(await h.data.db.prisma.clientTxn.count({ where: { txn_id: 'dup' } })).toBe(1);
    });

    it("the txn scope is the service token: another token's same txnId is a new event", async () => {
      const other = h.caller(await h.serviceToken('events:send'));
      const a = await svc.events.send(message('scoped', 'x'));
      const b = await other.events.send(message('scoped', 'x'));
      expect(b.eventId).not.toBe(a.eventId);
    });

    it('a sender who is not joined gets the use case’s 403 M_FORBIDDEN', async () => {
      const bob = (await h.user('bob')).userId;
      const r = await rejection(svc.events.send(message('nj', 'x', { senderUserId: bob })), 'mutation');
      expect(r).toMatchObject({ code: 'FORBIDDEN', data: { errcode: 'M_FORBIDDEN', httpStatus: 403 } });
    });

    it.each([
      ['a remote user', '@alice:elsewhere.test'],
      ['an unknown local user', '@ghost:gateway.test'],
    ])('%s cannot be the sender (403 M_FORBIDDEN)', async (_name, senderUserId) => {
      const r = await rejection(svc.events.send(message('remote', 'x', { senderUserId })), 'mutation');
      expect(r).toMatchObject({ code: 'FORBIDDEN', data: { errcode: 'M_FORBIDDEN' } });
    });

    it('content breaking canonical JSON is 400 M_BAD_JSON, as over REST', async () => {
      const r = await rejection(svc.events.send({ ...message('float', 'x'), content: { n: 1.5 } }), 'mutation');
      expect(r).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_BAD_JSON', httpStatus: 400 } });
    });

    it('a state-only type is 400 M_INVALID_PARAM', async () => {
      const r = await rejection(svc.events.send(message('state', 'x', { type: 'm.room.member' })), 'mutation');
      expect(r).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_INVALID_PARAM' } });
    });

    it('input failing the schema is 400 M_BAD_JSON (a mutation body), never a 500', async () => {
      const bad = { ...message('bad', 'x'), content: ['not', 'an', 'object'] } as unknown as ReturnType<typeof message>;
      const r = await rejection(svc.events.send(bad), 'mutation');
      expect(r).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_BAD_JSON', httpStatus: 400 } });
      expect(r.message).toContain('content');
    });

    it('over the rate limit: TOO_MANY_REQUESTS, 429 M_LIMIT_EXCEEDED with retry_after_ms', async () => {
      const carol = (await h.user('carol')).userId;
      await h.join(carol, roomId);
      h.rateLimiter.refuse(carol, 1500);
      const r = await rejection(svc.events.send(message('rl', 'x', { senderUserId: carol })), 'mutation');
      expect(r).toMatchObject({ code: 'TOO_MANY_REQUESTS', data: { errcode: 'M_LIMIT_EXCEEDED', httpStatus: 429, retry_after_ms: 1500 } });
    });
  });

  describe('events.get', () => {
    it('returns the full PDU with event_id, relations, and annotations grouped by key', async () => {
      const bob = (await h.user('bob')).userId;
      await h.join(bob, roomId);
      const { eventId } = await svc.events.send(message('target', 'react to me'));
      const react = (sender: string, key: string, txnId: string) =>
        svc.events.send({ roomId, type: 'm.reaction', txnId, senderUserId: sender, content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: eventId, key } } });
      await react(alice, '👍', 'r1');
      await react(bob, '👍', 'r2');
      await react(bob, '🎉', 'r3');
      const thread = await svc.events.send({ ...message('th', 'in thread'), content: { body: 'x', 'm.relates_to': { rel_type: 'm.thread', event_id: eventId } } });

      const got = await svc.events.get({ eventId });
      expect(got.pdu).toMatchObject({ event_id: eventId, room_id: roomId, sender: alice, hashes: { sha256: expect.any(String) } });
      expect(got.pdu.signatures).toBeDefined();
      expect(got.annotations).toEqual([
        { type: 'm.reaction', key: '👍', count: 2 },
        { type: 'm.reaction', key: '🎉', count: 1 },
      ]);
      expect(got.relations).toEqual([{ eventId: thread.eventId, relType: 'm.thread', sender: alice, type: 'm.room.message' }]);
    });

    it('an unknown event is 404 M_NOT_FOUND', async () => {
      const r = await rejection(svc.events.get({ eventId: '$nope' }));
      expect(r).toMatchObject({ code: 'NOT_FOUND', data: { errcode: 'M_NOT_FOUND', httpStatus: 404 } });
    });

    it('input failing the schema is 400 M_INVALID_PARAM (a query: input in the URL)', async () => {
      const r = await rejection(svc.events.get({ eventId: 'no-dollar' }));
      expect(r).toMatchObject({ code: 'BAD_REQUEST', data: { errcode: 'M_INVALID_PARAM', httpStatus: 400 } });
    });
  });

  describe('events.onNew', () => {
    const next = async (it: AsyncIterator<unknown>) => (await it.next()).value as Envelope;

    it('streams newly committed events in order, tracked by event ID', async () => {
      const iterable = (await svc.events.onNew({ roomId })) as AsyncIterable<unknown>;
      const it = iterable[Symbol.asyncIterator]();
      const first = next(it);
      const a = await svc.events.send(message('on-1', 'one'));
      const b = await svc.events.send(message('on-2', 'two'));
      const [idA, dataA] = await first;
      const [idB, dataB] = await next(it);
      expect([idA, idB]).toEqual([a.eventId, b.eventId]);
      expect(dataA.content).toMatchObject({ body: 'one' });
      expect(dataB.stream).toBeGreaterThan(dataA.stream);
      await it.return?.();
    });

    it('resumes after lastEventId without gaps, and a room filter keeps other rooms out', async () => {
      const other = await h.createRoom(alice);
      const a = await svc.events.send(message('gap-1', 'one'));
      await svc.events.send(message('other', 'x', { roomId: other }));
      const b = await svc.events.send(message('gap-2', 'two'));
      const c = await svc.events.send(message('gap-3', 'three'));
      const it = ((await svc.events.onNew({ roomId, lastEventId: a.eventId })) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      expect((await next(it))[0]).toBe(b.eventId);
      expect((await next(it))[0]).toBe(c.eventId);
      await it.return?.();
    });

    it('an unknown lastEventId is 404 M_NOT_FOUND, before the stream opens', async () => {
      const r = await rejection(svc.events.onNew({ lastEventId: '$unknown' }), 'subscription');
      expect(r).toMatchObject({ code: 'NOT_FOUND', data: { errcode: 'M_NOT_FOUND', httpStatus: 404 } });
    });

    it('starts at subscription time: an event committed before the first read is still delivered', async () => {
      const it = ((await svc.events.onNew({ roomId })) as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      const sent = await svc.events.send(message('early', 'sent before the first next()'));
      expect((await next(it))[0]).toBe(sent.eventId);
      await it.return?.();
    });
  });
});
