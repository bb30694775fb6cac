import { describe, expect, it } from 'vitest';
import { TxnConflictError } from '@courier/server-domain';
import { setRoomState } from '@courier/server-feature-rooms';
import { ALICE, BOB, CAROL, reaction, refusal, send, sendWorld, text, type SendWorld } from './test-support';

const txnOf = (w: SendWorld, txnId: string, over: { userId?: string; deviceId?: string; eventType?: string } = {}) =>
  w.store.findTxn({ userId: BOB, deviceId: 'DEVICE1', roomId: w.roomId, eventType: 'm.room.message', txnId, ...over });
const bobsMessages = (w: SendWorld) => w.store.roomEvents(w.roomId).filter((e) => e.sender === BOB && e.type === 'm.room.message');

/** SEND_CONTRACT.md §5: the key is (user, device, room, endpoint, txnId), held by the store. */
describe('§5 transaction IDs: exactly once', () => {
  it('§5 same txn twice → original event_id', async () => {
    const w = await sendWorld();
    const first = await w.send('same', text('one'), { user: BOB });
    expect(await w.send('same', text('one'), { user: BOB })).toBe(first);
    expect(bobsMessages(w)).toHaveLength(1);
    expect(await txnOf(w, 'same')).toBe(first);
  });

  it('§5 same txn, changed body → original event_id', async () => {
    const w = await sendWorld();
    const first = await w.send('changed', text('one'), { user: BOB });
    expect(await w.send('changed', text('two'), { user: BOB })).toBe(first);
    expect(bobsMessages(w).map((e) => e.pdu.content)).toEqual([text('one')]);
  });

  it('§5 same txn, now-invalid body → original', async () => {
    const w = await sendWorld();
    const first = await w.send('nowbad', text('one'), { user: BOB });
    for (const body of ['{"broken"', '[]', '{"a": 1.5}', reaction('$nosuchevent', 5), { 'm.relates_to': { rel_type: 'm.thread', event_id: '$x' } }]) {
      expect(await w.send('nowbad', body, { user: BOB })).toBe(first);
    }
    expect(await w.send('nowbad', [1, 2], { user: BOB, parsed: true })).toBe(first);
    expect(bobsMessages(w)).toHaveLength(1);
  });

  it('§5 after leaving (or losing the power to send), a retransmission still returns the original', async () => {
    const w = await sendWorld();
    const first = await w.send('gone', text('x'), { user: BOB });
    await setRoomState(w.base, {
      roomId: w.roomId,
      sender: ALICE,
      type: 'm.room.power_levels',
      stateKey: '',
      content: { ...(w.store.stateEvent(w.roomId, 'm.room.power_levels', '')?.content ?? {}), events_default: 100 },
    });
    expect((await refusal(w.send('new', text('x'), { user: BOB }))).status).toBe(403);
    expect(await w.send('gone', text('x'), { user: BOB })).toBe(first);
    await w.membership(BOB, 'leave');
    expect(await w.send('gone', text('x'), { user: BOB })).toBe(first);
  });

  it('§5 a restart (fresh deps, same store) still returns the original', async () => {
    const w = await sendWorld();
    const first = await w.send('restart', text('x'), { user: BOB });
    expect(await send(w.otherInstance(), { roomId: w.roomId, txnId: 'restart', body: text('y'), user: BOB })).toBe(first);
  });

  it('§5 other device → new event; same device new token → same', async () => {
    const w = await sendWorld();
    const phone = await w.send('dev', text('x'), { user: BOB, device: 'PHONE' });
    // A refreshed or re-issued token resolves to the same (user, device): the same scope.
    expect(await w.send('dev', text('x'), { user: BOB, device: 'PHONE' })).toBe(phone);
    const laptop = await w.send('dev', text('x'), { user: BOB, device: 'LAPTOP' });
    expect(laptop).not.toBe(phone);
    // A service token's scope replaces the device: same scope, same event, whatever the device.
    const svc = await w.send('dev', text('x'), { user: BOB, device: 'A', txnDeviceId: 'svc:1' });
    expect(await w.send('dev', text('x'), { user: BOB, device: 'B', txnDeviceId: 'svc:1' })).toBe(svc);
    expect(new Set([phone, laptop, svc]).size).toBe(3);
    expect(bobsMessages(w)).toHaveLength(3);
  });

  it('§5 other room / other type / other user / other endpoint → new event', async () => {
    const w = await sendWorld({ members: [BOB, CAROL] });
    const other = await w.createRoom(ALICE, {}, [BOB, CAROL]);
    const target = await w.send('target', text('t'), { user: ALICE });
    const ids = [
      await w.send('scope', text('x'), { user: BOB }),
      await w.send('scope', text('x'), { user: BOB, room: other }),
      await w.send('scope', { a: 1 }, { user: BOB, type: 'com.example.other' }),
      await w.send('scope', text('x'), { user: CAROL }),
      await w.send('scope', { redacts: target }, { user: ALICE, type: 'm.room.redaction' }),
      await w.send('scope', { redacts: target }, { user: ALICE, type: 'm.room.redaction', txnEndpoint: '/redact' }),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('§5 concurrent identical sends → one event, all get its id', async () => {
    const w = await sendWorld({ interleave: true });
    const ids = await Promise.all(Array.from({ length: 20 }, () => w.send('storm', text('storm'), { user: BOB })));
    expect(new Set(ids).size).toBe(1);
    expect(bobsMessages(w).map((e) => e.eventId)).toEqual([ids[0]]);
  });

  it('§5 concurrent identical sends on several instances sharing the store → one event, all get its id', async () => {
    const w = await sendWorld({ interleave: true });
    const instances = [w.deps, w.otherInstance(), w.otherInstance()];
    const ids = await Promise.all(
      Array.from({ length: 12 }, (_, i) => send(instances[i % 3] ?? w.deps, { roomId: w.roomId, txnId: 'multi', body: text('m'), user: BOB })),
    );
    expect(new Set(ids).size).toBe(1);
    expect(bobsMessages(w).map((e) => e.eventId)).toEqual([ids[0]]);
  });

  it('§5 a failed send is not remembered', async () => {
    const w = await sendWorld();
    const notJoined = await refusal(w.send('retry', text('x'), { user: CAROL }));
    expect(notJoined.status).toBe(403);
    expect(await txnOf(w, 'retry', { userId: CAROL })).toBeUndefined();
    await w.membership(CAROL, 'join');
    const id = await w.send('retry', text('x'), { user: CAROL });
    expect((await w.event(id)).sender).toBe(CAROL);

    // A failure inside the append (PDU too large) leaves no txn row either: the retry runs
    // afresh, with its own body.
    const tooLarge = await refusal(w.send('big', { body: 'x'.repeat(70_000) }, { user: BOB }));
    expect(tooLarge.status).toBe(413);
    expect(await txnOf(w, 'big')).toBeUndefined();
    const retried = await w.send('big', text('small now'), { user: BOB });
    expect((await w.event(retried)).pdu.content).toEqual(text('small now'));
  });

  it('§5 a txn committed by a racing request (TxnConflictError) returns that event id', async () => {
    const w = await sendWorld({ interleave: true });
    // Two instances: no shared single-flight, so both look the txn up, miss, and append.
    const [a, b] = await Promise.all([
      send(w.deps, { roomId: w.roomId, txnId: 'race', body: text('a'), user: BOB }),
      send(w.otherInstance(), { roomId: w.roomId, txnId: 'race', body: text('b'), user: BOB }),
    ]);
    expect(b).toBe(a);
    const outcomes = w.store.appends.slice(-2);
    expect(outcomes.filter((o) => o.eventIds?.length === 1)).toHaveLength(1);
    const conflict = outcomes.find((o) => o.error !== undefined)?.error;
    expect(conflict).toBeInstanceOf(TxnConflictError);
    expect((conflict as TxnConflictError).eventId).toBe(a);
    // The loser's event was rolled back with its txn row.
    expect(bobsMessages(w).map((e) => e.eventId)).toEqual([a]);
    expect(await txnOf(w, 'race')).toBe(a);
  });
});
