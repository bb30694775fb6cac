import { describe, expect, it } from 'vitest';
import {
  DuplicateAnnotationError,
  RoomExistsError,
  RoomNotFoundError,
  TxnConflictError,
  buildRoomEvent,
  canonicalJson,
  chainEvents,
  generateSigningKey,
  redactEvent,
  type EventDraft,
  type JsonObject,
  type RoomSnapshot,
  type TxnKey,
} from '@courier/server-domain';
import { FakeEventStore } from './fake-event-store';

const A = '@a:fake.test';
const ROOM = '!room:fake.test';
const ctx = { now: 1_000, serverName: 'fake.test', signingKey: generateSigningKey() };
const txn = (txnId: string): TxnKey => ({ userId: A, deviceId: 'D', roomId: ROOM, eventType: 'm.room.message', txnId });

async function roomStore(options: { interleave?: boolean } = {}): Promise<FakeEventStore> {
  const store = new FakeEventStore({ now: () => 5, ...options });
  await store.append(
    ROOM,
    (s) =>
      chainEvents(
        s,
        [
          { type: 'm.room.create', stateKey: '', sender: A, content: { room_version: '11' } },
          { type: 'm.room.member', stateKey: A, sender: A, content: { membership: 'join' } },
          { type: 'm.room.topic', stateKey: '', sender: A, content: { topic: 'hello' } },
        ],
        ctx,
      ),
    { newRoom: { roomId: ROOM, roomVersion: '11', creator: A, isPublic: false } },
  );
  return store;
}

const message = (s: RoomSnapshot, content: JsonObject, extra: Partial<EventDraft> = {}): EventDraft => ({
  ...buildRoomEvent(s, s.state, { type: 'm.room.message', sender: A, content, ...ctx }),
  ...extra,
});

describe('FakeEventStore mirrors the SQL stores', () => {
  it('creates a room once: RoomExistsError, RoomNotFoundError, head and state from the drafts', async () => {
    const store = await roomStore();
    const events = store.roomEvents(ROOM);
    expect(events.map((e) => e.stream)).toEqual([1, 2, 3]);
    expect(store.room(ROOM)).toMatchObject({ roomVersion: '11', headEventId: events[2]?.eventId, headDepth: 3, stateVersion: 1 });
    expect(store.membership(ROOM, A)).toBe('join');
    expect(store.stateEvent(ROOM, 'm.room.topic', '')?.content).toEqual({ topic: 'hello' });
    const again = store.append(ROOM, () => [], { newRoom: { roomId: ROOM, roomVersion: '11', creator: A, isPublic: false } });
    await expect(again).rejects.toBeInstanceOf(RoomExistsError);
    await expect(store.append('!other:fake.test', () => [])).rejects.toBeInstanceOf(RoomNotFoundError);
  });

  it('decide sees the committed head and state; a throw in it (or a new room it refuses) writes nothing', async () => {
    const store = await roomStore();
    let seen: RoomSnapshot | undefined;
    await expect(
      store.append(ROOM, (s) => {
        seen = s;
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(seen?.prevEventIds).toEqual([store.room(ROOM)?.headEventId]);
    expect(seen?.depth).toBe(3);
    expect(seen?.state('m.room.member', A)?.content).toEqual({ membership: 'join' });
    const newRoom = { roomId: '!new:fake.test', roomVersion: '11' as const, creator: A, isPublic: false };
    await expect(store.append(newRoom.roomId, () => { throw new Error('no'); }, { newRoom })).rejects.toThrow('no');
    expect(store.room(newRoom.roomId)).toBeUndefined();
    expect(store.streamPosition).toBe(3);
  });

  it('a taken txn key → TxnConflictError(existing id), and the whole batch is rolled back', async () => {
    const store = await roomStore();
    const [first] = await store.append(ROOM, (s) => [message(s, { body: '1' }, { txn: txn('t') })]);
    const head = store.room(ROOM);
    const conflict = store.append(ROOM, (s) => {
      const inputs = ['fine', 'dup'].map((body) => ({ type: 'm.room.message', sender: A, content: { body } }));
      const [ok, dup] = chainEvents(s, inputs, ctx);
      return ok && dup ? [ok, { ...dup, txn: txn('t') }] : [];
    });
    await expect(conflict).rejects.toBeInstanceOf(TxnConflictError);
    await expect(conflict).rejects.toHaveProperty('eventId', first?.eventId);
    expect(store.room(ROOM)).toEqual(head);
    expect(store.roomEvents(ROOM)).toHaveLength(4);
    expect(store.streamPosition).toBe(4);
    expect(await store.findTxn(txn('t'))).toBe(first?.eventId);
  });

  it('annotation key is unique; a redaction prunes and marks the target and frees its annotation and relation', async () => {
    const store = await roomStore();
    const [target] = await store.append(ROOM, (s) => [message(s, { body: 'target' })]);
    const targetId = target?.eventId ?? '';
    const annotation = { targetEventId: targetId, key: '👍' };
    const relation = { relType: 'm.annotation', targetEventId: targetId };
    const [reaction] = await store.append(ROOM, (s) => [message(s, { r: 1 }, { annotation, relation })]);
    await expect(store.append(ROOM, (s) => [message(s, { r: 2 }, { annotation, relation })])).rejects.toBeInstanceOf(DuplicateAnnotationError);
    expect((await store.getEvent(reaction?.eventId ?? ''))?.relation).toEqual(relation);

    const original = (await store.getEvent(reaction?.eventId ?? ''))?.pdu ?? { content: {} };
    const prunedJson = canonicalJson(redactEvent(original, '11'));
    const [redaction] = await store.append(ROOM, (s) => [
      message(s, { redacts: reaction?.eventId ?? '' }, { redaction: { targetEventId: reaction?.eventId ?? '', prunedJson } }),
    ]);
    const redacted = await store.getEvent(reaction?.eventId ?? '');
    expect(redacted).toMatchObject({ redactedBy: redaction?.eventId, relation: null, pdu: JSON.parse(prunedJson) });
    expect(store.annotation(targetId, A, 'm.room.message', '👍')).toBeUndefined();
    await expect(store.append(ROOM, (s) => [message(s, { r: 3 }, { annotation, relation })])).resolves.toHaveLength(1);
  });

  it('a redacted state event shows its pruned content in current state', async () => {
    const store = await roomStore();
    const topic = store.stateEvent(ROOM, 'm.room.topic', '');
    const pdu = (await store.getEvent(topic?.event_id ?? ''))?.pdu ?? { content: {} };
    const prunedJson = canonicalJson(redactEvent(pdu, '11'));
    await store.append(ROOM, (s) => [message(s, { redacts: topic?.event_id ?? '' }, { redaction: { targetEventId: topic?.event_id ?? '', prunedJson } })]);
    expect(store.stateEvent(ROOM, 'm.room.topic', '')?.content).toEqual({});
  });

  it('interleaved appends take the room lock in turn: the events form one line', async () => {
    const store = await roomStore({ interleave: true });
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.append(ROOM, (s) => [message(s, { i })])));
    const events = store.roomEvents(ROOM);
    events.slice(1).forEach((e, i) => expect(e.pdu.prev_events).toEqual([events[i]?.eventId]));
    const copy = await store.getEvent(events[0]?.eventId ?? '');
    if (copy) copy.pdu.content['changed'] = true;
    expect((await store.getEvent(events[0]?.eventId ?? ''))?.pdu.content).not.toHaveProperty('changed');
  });
});
