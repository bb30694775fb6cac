import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { migrate } from '../src/lib/db/migrator';
import { openDatabase } from '../src/lib/db/open-database';
import type { Database } from '../src/lib/db/database';
import { isUniqueViolation } from '../src/lib/db/unique-violation';

/** Each rule that exactly-once relies on is a database constraint; each is proven here. */
describe.each(await dbKinds())('unique indexes on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = openDatabase(tdb.url);
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const txn = (over: Record<string, string> = {}) => ({
    user_id: '@a:x', device_id: 'D', room_id: '!r:x', event_type: 'm.room.message', txn_id: 't1', event_id: '$e1', created_at: 1n, ...over,
  });

  it('client_txns refuses a second row for the same (user, device, room, event type, txn id)', async () => {
    await db.prisma.clientTxn.create({ data: txn() });
    const err = await db.prisma.clientTxn.create({ data: txn({ event_id: '$e2' }) }).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it.each([['device_id', 'D2'], ['room_id', '!other:x'], ['event_type', 'm.reaction'], ['txn_id', 't2'], ['user_id', '@b:x']])(
    'client_txns accepts the same txn id when %s differs',
    async (column, value) => {
      await expect(db.prisma.clientTxn.create({ data: txn({ [column]: value, event_id: `$${column}` }) })).resolves.toBeTruthy();
    },
  );

  const ann = (over: Record<string, string> = {}) => ({
    target_event_id: '$t', sender: '@a:x', event_type: 'm.reaction', key: '👍', event_id: '$a1', ...over,
  });

  it('annotations refuse a second (target, sender, event type, key)', async () => {
    await db.prisma.annotation.create({ data: ann() });
    const err = await db.prisma.annotation.create({ data: ann({ event_id: '$a2' }) }).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it('annotations accept the key again once the first row is deleted (a redaction frees it)', async () => {
    await db.prisma.annotation.delete({ where: { event_id: '$a1' } });
    await expect(db.prisma.annotation.create({ data: ann({ event_id: '$a3' }) })).resolves.toBeTruthy();
  });

  it('annotations accept another key, sender or type on the same target', async () => {
    await expect(db.prisma.annotation.create({ data: ann({ key: '👎', event_id: '$a4' }) })).resolves.toBeTruthy();
    await expect(db.prisma.annotation.create({ data: ann({ sender: '@b:x', event_id: '$a5' }) })).resolves.toBeTruthy();
    await expect(db.prisma.annotation.create({ data: ann({ event_type: 'm.room.message', event_id: '$a6' }) })).resolves.toBeTruthy();
  });

  it('events refuse a duplicate event_id and a duplicate stream position', async () => {
    const ev = { stream: 1n, event_id: '$e', room_id: '!r:x', sender: '@a:x', type: 't', depth: 1, origin_server_ts: 1n, json: '{}' };
    await db.prisma.event.create({ data: ev });
    expect(isUniqueViolation(await db.prisma.event.create({ data: { ...ev, stream: 2n } }).catch((e: unknown) => e))).toBe(true);
    expect(isUniqueViolation(await db.prisma.event.create({ data: { ...ev, event_id: '$f' } }).catch((e: unknown) => e))).toBe(true);
  });

  it('users refuse a duplicate localpart', async () => {
    await db.prisma.user.create({ data: { user_id: '@u:x', localpart: 'u', created_at: 1n } });
    const err = await db.prisma.user.create({ data: { user_id: '@u:y', localpart: 'u', created_at: 1n } }).catch((e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });

  it('the raw driver reports the same violations (the write path does not go through Prisma)', async () => {
    const sql = 'INSERT INTO client_txns (user_id, device_id, room_id, event_type, txn_id, event_id, created_at) VALUES (\'@a:x\', \'D\', \'!r:x\', \'m.room.message\', \'t1\', \'$z\', 1)';
    const err = db.kind === 'sqlite'
      ? (() => { try { db.raw.exec(sql); return undefined; } catch (e) { return e; } })()
      : await db.pool.query(sql).then(() => undefined, (e: unknown) => e);
    expect(isUniqueViolation(err)).toBe(true);
  });
});
