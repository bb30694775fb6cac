import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@courier/server-testing';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { decodeChange, encodeChange } from '../src/lib/cluster/pg-notify-bridge';

describe('notify payloads', () => {
  it('round-trip rooms and users, and shrink to "anything changed" past the size limit', () => {
    expect(decodeChange(encodeChange('o', { rooms: ['!a:x'], userIds: ['@u:x'] }))).toEqual({ origin: 'o', change: { rooms: ['!a:x'], userIds: ['@u:x'] } });
    const many = Array.from({ length: 1000 }, (_, i) => `@user${i}:example.org`);
    expect(decodeChange(encodeChange('o', { userIds: many }))).toEqual({ origin: 'o', change: {} });
    expect(decodeChange('not json')).toBeUndefined();
  });
});

describe.skipIf(!(await postgresAvailable()))('LISTEN/NOTIFY between two instances on one PostgreSQL', () => {
  let tdb: TestDatabase;
  let a: DataAccess;
  let b: DataAccess;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
    a = await createDataAccess(tdb.url);
    b = await createDataAccess(tdb.url);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await tdb.drop();
  });

  it('a waiter on instance B wakes within 100 ms of a notify on instance A', async () => {
    const rooms = new Set(['!room:x']);
    for (let i = 0; i < 5; i++) {
      const waiting = b.notifier.wait({ userId: '@u:x', rooms }, 5000);
      await new Promise((r) => setTimeout(r, 20));
      const t0 = performance.now();
      a.notifier.notify({ rooms: ['!room:x'] });
      expect(await waiting).toBe(true);
      expect(performance.now() - t0).toBeLessThan(100);
    }
  });

  it('an unrelated room does not wake it, a change naming the user does', async () => {
    const quiet = b.notifier.wait({ userId: '@u:x', rooms: new Set(['!room:x']) }, 300);
    a.notifier.notify({ rooms: ['!elsewhere:x'] });
    expect(await quiet).toBe(false);
    const woken = b.notifier.wait({ userId: '@u:x', rooms: new Set(['!room:x']) }, 5000);
    await new Promise((r) => setTimeout(r, 20));
    a.notifier.notify({ userIds: ['@u:x'] });
    expect(await woken).toBe(true);
  });

  it('an instance does not receive its own changes twice through the bridge', async () => {
    let wakes = 0;
    const rooms = new Set(['!self:x']);
    const first = a.notifier.wait({ rooms }, 2000).then((w) => w && wakes++);
    a.notifier.notify({ rooms: ['!self:x'] });
    await first;
    const second = await a.notifier.wait({ rooms }, 300);
    expect(wakes).toBe(1);
    expect(second).toBe(false);
  });
});
