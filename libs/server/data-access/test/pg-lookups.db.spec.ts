import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@courier/server-testing';
import { hashToken } from '@courier/server-domain';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { PrismaAccountStore } from '../src/lib/accounts/prisma-account-store';
import { PostgresEventStore } from '../src/lib/events/postgres-event-store';
import { countingDb, createRoom, message, postgresOf, txnOf } from './event-store.support';

/** The per-request lookups on PostgreSQL: concurrent calls share one query, none is cached. */
describe.skipIf(!(await postgresAvailable()))('PostgreSQL per-request lookups', () => {
  let tdb: TestDatabase;
  let data: DataAccess;
  const roomId = '!lookups:b.test';

  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    data = await createDataAccess(tdb.url);
    await createRoom(data.events, roomId);
    for (const name of ['alice', 'bob']) {
      await data.accounts.createUser({ userId: `@${name}:b.test`, localpart: name, passwordHash: null, isAdmin: false, createdAt: 0 });
      await data.accounts.createAccessToken({ tokenHash: hashToken(`${name}-token`), userId: `@${name}:b.test`, deviceId: 'D', now: 0, expiresAt: null });
    }
  });
  afterAll(async () => {
    await data.close();
    await tdb.drop();
  });

  it('concurrent token lookups are one query, each answered right; a token revoked between two calls is not found by the second', async () => {
    const counting = countingDb(postgresOf(data));
    const accounts = new PrismaAccountStore(counting.db);
    const asked = ['alice', 'bob', 'alice', 'nobody', 'bob', 'alice'];
    const found = await Promise.all(asked.map((n) => accounts.findAccessToken(hashToken(`${n}-token`))));
    expect(counting.statements()).toBe(1);
    expect(found.map((t) => t?.userId)).toEqual(['@alice:b.test', '@bob:b.test', '@alice:b.test', undefined, '@bob:b.test', '@alice:b.test']);
    expect(await accounts.findAccessToken(hashToken('bob-token'))).toBeDefined();
    await data.accounts.deleteAccessToken(hashToken('bob-token'));
    expect(await accounts.findAccessToken(hashToken('bob-token'))).toBeUndefined();
    expect((await accounts.findAccessToken(hashToken('alice-token')))?.userId).toBe('@alice:b.test');
  });

  it('concurrent findTxn calls are one query, each answered right, and a txn stored in between is found by the next', async () => {
    const counting = countingDb(postgresOf(data));
    const store = new PostgresEventStore(counting.db, Date.now, 1);
    const [sent] = await store.append(roomId, message('hello', 'known'));
    counting.reset();
    const keys = ['known', 'unknown', 'known', 'other'].map((t) => txnOf(roomId, t));
    expect(await Promise.all(keys.map((k) => store.findTxn(k)))).toEqual([sent?.eventId, undefined, sent?.eventId, undefined]);
    expect(counting.statements()).toBe(1);
    const [other] = await store.append(roomId, message('other', 'other'));
    expect(await store.findTxn(txnOf(roomId, 'other'))).toBe(other?.eventId);
  });
});
