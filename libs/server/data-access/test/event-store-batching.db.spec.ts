import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { createRoom, message as messageWith } from './event-store.support';

/** Group commit: many appends in one database transaction, each still succeeding or failing alone. */
describe.each(await dbKinds())('event store group commit on %s', (kind) => {
  let tdb: TestDatabase;
  let data: DataAccess;
  const rooms = ['!r1:b.test', '!r2:b.test', '!r3:b.test'];

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    data = await createDataAccess(tdb.url);
    for (const roomId of rooms) await createRoom(data.events, roomId);
  });
  afterAll(async () => {
    await data.close();
    await tdb.drop();
  });

  const message = (n: number) => messageWith(`m${n}`);

  it('concurrent appends over several rooms all commit, with unique, gap-free stream positions', async () => {
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => data.events.append(rooms[i % 3] ?? '', message(i))));
    const streams = results.flat().map((e) => e.stream).sort((a, b) => a - b);
    expect(new Set(streams).size).toBe(60);
    expect((streams.at(-1) ?? 0) - (streams[0] ?? 0)).toBe(59);
    for (const r of results.flat()) expect((await data.events.getEvent(r.eventId))?.stream).toBe(r.stream);
  });

  it('a failing decision in the middle of a batch fails alone', async () => {
    const boom = () => {
      throw new Error('refused');
    };
    const settled = await Promise.allSettled([
      data.events.append(rooms[0] ?? '', message(100)),
      data.events.append(rooms[1] ?? '', boom),
      data.events.append(rooms[2] ?? '', message(101)),
      data.events.append('!missing:b.test', message(102)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
  });

  it('each room stays a line: prev_events and depth chain in stream order', async () => {
    for (const roomId of rooms) {
      const rows = await data.db.prisma.event.findMany({ where: { room_id: roomId }, orderBy: { stream: 'asc' } });
      for (let i = 1; i < rows.length; i++) {
        const pdu = JSON.parse(rows[i]?.json ?? '{}') as { prev_events: string[]; depth: number };
        expect(pdu.prev_events).toEqual([rows[i - 1]?.event_id]);
        expect(pdu.depth).toBe((rows[i - 1]?.depth ?? 0) + 1);
      }
    }
  });
});
