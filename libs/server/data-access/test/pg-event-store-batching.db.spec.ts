import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@courier/server-testing';
import { TxnConflictError, type AppendedEvent } from '@courier/server-domain';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { PostgresEventStore } from '../src/lib/events/postgres-event-store';
import type { PostgresDatabase } from '../src/lib/db/database';
import {
  countingDb,
  createRoom,
  expectLinearRooms,
  message,
  postgresOf,
  redaction,
  state,
  type Decide,
} from './event-store.support';

/**
 * The PostgreSQL store's set-based batches. A store with one lane puts every append made in one
 * tick into one batch, so each test below is about what happens inside a batch.
 */
describe.skipIf(!(await postgresAvailable()))('PostgreSQL event store batches', () => {
  let tdb: TestDatabase;
  let data: DataAccess;
  let db: PostgresDatabase;
  const rooms = ['!a:b.test', '!b:b.test', '!c:b.test', '!d:b.test'];
  const [roomA = '', roomB = ''] = rooms;
  const oneLane = (on: PostgresDatabase = db) => new PostgresEventStore(on, Date.now, 1);
  const streams = (results: AppendedEvent[][]) => results.flat().map((e) => e.stream);

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    data = await createDataAccess(tdb.url);
    db = postgresOf(data);
    for (const roomId of rooms) await createRoom(data.events, roomId);
  });
  afterAll(async () => {
    await data.close();
    await tdb.drop();
  });

  it('a batch over several rooms gets consecutive, gap-free positions in batch order, and each room stays a line', async () => {
    for (const store of [oneLane(), oneLane()]) {
      // The first batch of a store reads its rooms under their locks; the second is its fast path.
      for (let round = 0; round < 2; round++) {
        const results = await Promise.all(Array.from({ length: 60 }, (_, i) => store.append(rooms[i % 4] ?? '', message(`m${round}-${i}`))));
        const positions = streams(results);
        positions.forEach((p, i) => i > 0 && expect(p).toBe((positions[i - 1] ?? 0) + 1));
      }
    }
    expect(await expectLinearRooms(data, rooms)).toBeGreaterThan(240);
  });

  it('a batch costs the same few statements whatever its size: five read under lock, then one', async () => {
    const counting = countingDb(db);
    const store = oneLane(counting.db);
    const batch = (n: number) => Promise.all(Array.from({ length: n }, (_, i) => store.append(rooms[i % 4] ?? '', message(`size ${n} #${i}`))));
    await batch(3);
    // BEGIN, lock the rooms, load their state, the guards-and-writes statement, COMMIT.
    expect(counting.statements()).toBe(5);
    counting.reset();
    await batch(4);
    expect(counting.statements()).toBe(5);
    for (const n of [5, 120]) {
      counting.reset();
      await batch(n);
      expect(counting.statements()).toBe(1);
    }
    await expectLinearRooms(data, rooms);
  });

  it('the same txn on two instances at once makes one event, and both answer with its ID', async () => {
    const other = await createDataAccess(tdb.url, { migrate: false });
    try {
      const a = oneLane();
      const b = oneLane(postgresOf(other));
      for (let i = 0; i < 6; i++) {
        const txnId = `both-${i}`;
        const settled = await Promise.allSettled([a.append(roomB, message('from a', txnId)), b.append(roomB, message('from b', txnId))]);
        const won = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value[0]?.eventId] : []));
        const lost = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as unknown] : []));
        expect(won).toHaveLength(1);
        expect(lost[0] instanceof TxnConflictError && lost[0].eventId).toBe(won[0]);
        expect(await data.db.prisma.clientTxn.count({ where: { txn_id: txnId } })).toBe(1);
      }
      await expectLinearRooms(data, [roomB]);
    } finally {
      await other.close();
    }
  });

  it('after state changes in a batch, the next batch (on the fast path, or a new store) decides on the state the database holds', async () => {
    const store = oneLane();
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
    // And the next batch, on the fast path, decides on the same state the database holds.
    expect(await oneLane().append(roomB, flagOf(undefined))).toHaveLength(1);
    expect(await store.append(roomB, flagOf(undefined))).toHaveLength(1);
    await expectLinearRooms(data, [roomB]);
  });

  it('an instance whose room another instance wrote to builds on that write, never beside it', async () => {
    const a = oneLane();
    const b = oneLane();
    for (let i = 0; i < 5; i++) {
      await Promise.all([a.append(roomA, message(`a${i}`)), a.append(roomA, message(`a${i}'`))]);
      await Promise.all([b.append(roomA, message(`b${i}`)), a.append(roomB, message(`a elsewhere ${i}`))]);
    }
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).append(roomA, message(`mixed ${i}`))));
    await expectLinearRooms(data, rooms);
  });
});
