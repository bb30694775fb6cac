import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { migrate } from '../src/lib/db/migrator';
import { openDatabase } from '../src/lib/db/open-database';
import type { Database } from '../src/lib/db/database';
import { SqlReceiptStore } from '../src/lib/receipts/sql-receipt-store';

/** The receipts table and 'receipts' stream (migration 0008), on both databases. */
describe.each(await dbKinds())('SqlReceiptStore on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  let store: SqlReceiptStore;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = openDatabase(tdb.url);
    await migrate(db);
    store = new SqlReceiptStore(db);
    for (const [room, user, membership] of [['!r:x', '@a:x', 'join'], ['!r:x', '@b:x', 'join'], ['!s:x', '@c:x', 'join'], ['!s:x', '@a:x', 'leave']]) {
      await db.prisma.roomMember.create({ data: { room_id: room as string, user_id: user as string, membership: membership as string, event_id: `$m${user}`, stream: 1n } });
    }
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const base = { roomId: '!r:x', userId: '@b:x', type: 'm.read' as const, threadId: '', ts: 1 };

  it('each stored receipt takes the next position of the receipts stream', async () => {
    const start = await store.position();
    const p1 = await store.put({ ...base, eventId: '$1', eventStream: 10 });
    const p2 = await store.put({ ...base, userId: '@a:x', eventId: '$1', eventStream: 10 });
    expect(p1).toBe(start + 1);
    expect(p2).toBe(start + 2);
    expect(await store.position()).toBe(start + 2);
  });

  it('a receipt only moves forward: an older event is ignored', async () => {
    await store.put({ ...base, eventId: '$5', eventStream: 50 });
    expect(await store.put({ ...base, eventId: '$4', eventStream: 40 })).toBeUndefined();
    expect((await store.ownReceipts('@b:x', '!r:x')).map((r) => r.eventId)).toEqual(['$5']);
  });

  it('one receipt per thread, per type', async () => {
    await store.put({ ...base, threadId: 'main', eventId: '$6', eventStream: 60 });
    await store.put({ ...base, type: 'm.read.private', eventId: '$7', eventStream: 70 });
    const own = await store.ownReceipts('@b:x', '!r:x');
    expect(own.map((r) => `${r.type}/${r.threadId}/${r.eventId}`).sort()).toEqual(['m.read.private//$7', 'm.read/main/$6', 'm.read//$5'].sort());
  });

  it('changes: joined rooms only; private receipts only to their owner; within the range', async () => {
    await store.put({ roomId: '!s:x', userId: '@c:x', type: 'm.read', threadId: '', eventId: '$s', eventStream: 5, ts: 1 });
    const forA = await store.changes('@a:x', { after: 0, upTo: await store.position() });
    expect(forA.every((r) => r.roomId === '!r:x')).toBe(true);
    expect(forA.some((r) => r.type === 'm.read.private')).toBe(false);
    const forB = await store.changes('@b:x', { after: 0, upTo: await store.position() });
    expect(forB.some((r) => r.type === 'm.read.private' && r.userId === '@b:x')).toBe(true);
    const head = await store.position();
    expect(await store.changes('@b:x', { after: head, upTo: head })).toEqual([]);
  });

  it.runIf(kind === 'sqlite')('changes reads by index, never a scan of the receipts table', () => {
    if (db.kind !== 'sqlite') return;
    const sql = `EXPLAIN QUERY PLAN SELECT r.event_id FROM receipts r
      WHERE r.room_id IN (SELECT m.room_id FROM room_members m WHERE m.user_id = ? AND m.membership = 'join')
        AND r.stream > ? AND r.stream <= ? AND (r.receipt_type <> 'm.read.private' OR r.user_id = ?)`;
    const plan = (db.raw.prepare(sql).all('@a:x', 0, 100, '@a:x') as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/receipts_room_id_stream_idx/);
    expect(plan).not.toMatch(/SCAN r\b/);
  });
});
