import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { DuplicateAnnotationError, TxnConflictError } from '@courier/server-domain';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { createRoom, expectLinearRooms, message, reaction, redaction, state, type Decide } from './event-store.support';

/**
 * What happens inside one group-commit batch, on both stores: the appends made in one tick go
 * into one batch (SQLite: one transaction; PostgreSQL: one lane per room), and each still gets
 * its own answer from the unique indexes (SEND_CONTRACT.md §5 transactions, §6 annotations).
 */
describe.each(await dbKinds())('rules inside one batch on %s', (kind) => {
  let tdb: TestDatabase;
  let data: DataAccess;
  const roomA = '!a:b.test';
  const roomB = '!b:b.test';

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    data = await createDataAccess(tdb.url);
    for (const roomId of [roomA, roomB]) await createRoom(data.events, roomId);
  });
  afterAll(async () => {
    await data.close();
    await tdb.drop();
  });

  it('the same txn twice in one batch makes one event; the duplicate is answered with its ID', async () => {
    const store = data.events;
    await store.append(roomA, message('warm'));
    const txnId = `dup-${Math.random()}`;
    const [first, second, after] = await Promise.allSettled([
      store.append(roomA, message('x', txnId)),
      store.append(roomA, message('y', txnId)),
      store.append(roomA, message('after')),
    ]);
    const id = first.status === 'fulfilled' ? first.value[0]?.eventId : undefined;
    expect(id).toBeDefined();
    expect(second.status === 'rejected' && second.reason instanceof TxnConflictError && second.reason.eventId).toBe(id);
    expect(after.status).toBe('fulfilled');
    expect(await data.db.prisma.clientTxn.findMany({ where: { txn_id: txnId }, select: { event_id: true } })).toEqual([{ event_id: id }]);
    await expectLinearRooms(data, [roomA]);
  });

  it('of two identical annotations in one batch the first wins; the second fails alone and nothing chains on it', async () => {
    const store = data.events;
    const [target] = await store.append(roomA, message('react to me'));
    const targetId = target?.eventId ?? '';
    const settled = await Promise.allSettled([
      store.append(roomA, message('before')),
      store.append(roomA, reaction(targetId, '👍', 'r1')),
      store.append(roomA, message('between')),
      store.append(roomA, reaction(targetId, '👍', 'r2')),
      store.append(roomA, message('after')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(settled[3]?.status === 'rejected' && settled[3].reason).toBeInstanceOf(DuplicateAnnotationError);
    const written = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value : []));
    expect(written.map((e) => e.stream)).toEqual(written.map((_, i) => (written[0]?.stream ?? 0) + i));
    const annotation = await data.db.prisma.annotation.findMany({ where: { target_event_id: targetId } });
    expect(annotation.map((r) => r.event_id)).toEqual([written[1]?.eventId]);
    // A refusal is not remembered (§5): the refused append's txn row went with it.
    expect(await data.db.prisma.clientTxn.count({ where: { txn_id: 'r2' } })).toBe(0);
    await expectLinearRooms(data, [roomA]);
  });

  it('an append refused by its txn does not hold an annotation key: the next identical annotation of the batch gets it', async () => {
    const store = data.events;
    const [target] = await store.append(roomA, message('react here'));
    const targetId = target?.eventId ?? '';
    const [taken] = await store.append(roomA, reaction(targetId, 'another key', 't-used'));
    const settled = await Promise.allSettled([
      store.append(roomA, reaction(targetId, 'k', 't-used')),
      store.append(roomA, reaction(targetId, 'k', 't-fresh')),
    ]);
    // t-used already has an event, so the first reaction is refused: not as a duplicate annotation.
    expect(settled[0]?.status === 'rejected' && settled[0].reason).toBeInstanceOf(TxnConflictError);
    expect(settled[0]?.status === 'rejected' && (settled[0].reason as TxnConflictError).eventId).toBe(taken?.eventId);
    expect(settled[1]?.status).toBe('fulfilled');
    await expectLinearRooms(data, [roomA]);
  });

  it('a redaction ends a try: the same annotation is refused before it and accepted after it', async () => {
    const store = data.events;
    const [target] = await store.append(roomA, message('react here too'));
    const targetId = target?.eventId ?? '';
    const [first] = await store.append(roomA, reaction(targetId, '🎉', 'first'));
    const redactFirst = await redaction(data, first?.eventId ?? '');
    const settled = await Promise.allSettled([
      store.append(roomA, reaction(targetId, '🎉', 'before-redaction')),
      store.append(roomA, redactFirst),
      store.append(roomA, reaction(targetId, '🎉', 'after-redaction')),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(settled[0]?.status === 'rejected' && settled[0].reason).toBeInstanceOf(DuplicateAnnotationError);
    const after = settled[2]?.status === 'fulfilled' ? settled[2].value[0]?.eventId : undefined;
    const rows = await data.db.prisma.annotation.findMany({ where: { target_event_id: targetId } });
    expect(rows.map((r) => r.event_id)).toEqual([after]);
    await expectLinearRooms(data, [roomA]);
  });

  it('a decision that throws fails alone, and the next append of its room chains on the one before it', async () => {
    const boom: Decide = () => {
      throw new Error('refused');
    };
    const store = data.events;
    const settled = await Promise.allSettled([store.append(roomB, message('one')), store.append(roomB, boom), store.append(roomB, message('two'))]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const [one, , two] = settled.map((s) => (s.status === 'fulfilled' ? s.value[0] : undefined));
    expect((await store.getEvent(two?.eventId ?? ''))?.pdu.prev_events).toEqual([one?.eventId]);
    expect(two?.stream).toBe((one?.stream ?? 0) + 1);
  });

  it('a later decision in a batch sees the state an earlier one set, and the pruned state a redaction left', async () => {
    const store = data.events;
    const flagOf = (on: unknown): Decide => (s) => {
      const flag = s.state('org.example.flag', '');
      if (flag?.content['on'] !== on) throw new Error(`flag is ${JSON.stringify(flag?.content)}`);
      return message(`saw ${String(on)}`)(s);
    };
    const [set, seen] = await Promise.all([store.append(roomB, state('org.example.flag', { on: true })), store.append(roomB, flagOf(true))]);
    expect(seen).toHaveLength(1);
    const redact = await redaction(data, set?.[0]?.eventId ?? '');
    const [redacted, afterRedaction] = await Promise.all([store.append(roomB, redact), store.append(roomB, flagOf(undefined))]);
    expect(afterRedaction?.[0]?.stream).toBe((redacted?.[0]?.stream ?? 0) + 1);
    await expectLinearRooms(data, [roomB]);
  });
});
