import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, type TestDatabase } from '@courier/server-testing';
import { InProcessNotifier } from '@courier/server-domain';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { decodeChange, encodeChange, packChanges, startPgNotifyBridge } from '../src/lib/cluster/pg-notify-bridge';

describe('notify payloads', () => {
  it('round-trip rooms and users, and shrink to "anything changed" past the size limit', () => {
    expect(decodeChange(encodeChange('o', { rooms: ['!a:x'], userIds: ['@u:x'] }))).toEqual({ origin: 'o', change: { rooms: ['!a:x'], userIds: ['@u:x'] } });
    const many = Array.from({ length: 1000 }, (_, i) => `@user${i}:example.org`);
    expect(decodeChange(encodeChange('o', { userIds: many }))).toEqual({ origin: 'o', change: {} });
    expect(decodeChange('not json')).toBeUndefined();
  });
});

describe('packing the changes of one turn', () => {
  const wakes = (changes: Array<{ rooms?: string[]; userIds?: string[] }>) => {
    const notifier = new InProcessNotifier();
    const woken: string[] = [];
    const interests = { roomX: { rooms: new Set(['!x:t']) }, roomY: { rooms: new Set(['!y:t']) }, user: { userId: '@u:t' }, all: {} };
    for (const [name, interest] of Object.entries(interests)) void notifier.wait(interest, 50).then((w) => w && woken.push(name));
    for (const c of changes) notifier.deliver(c);
    return new Promise<string[]>((r) => setTimeout(() => r(woken.sort()), 60));
  };
  const unpacked = (changes: Array<{ rooms?: string[]; userIds?: string[] }>) =>
    packChanges('o', changes).map((p) => decodeChange(p)?.change ?? { rooms: ['?'] });

  it('wakes exactly whom the changes one by one would wake, in as few payloads as fit', async () => {
    for (const changes of [[{ rooms: ['!x:t'] }, { userIds: ['@u:t'] }], [{ rooms: ['!x:t'] }, { rooms: ['!x:t'] }], [{ userIds: ['@u:t'] }], [{ rooms: ['!y:t'] }, {}]]) {
      expect(packChanges('o', changes)).toHaveLength(1);
      expect(await wakes(unpacked(changes))).toEqual(await wakes(changes));
    }
    const many = Array.from({ length: 400 }, (_, i) => ({ rooms: [`!room${i}:example.org`] }));
    const payloads = packChanges('o', many);
    expect(payloads.length).toBeGreaterThan(1);
    expect(payloads.flatMap((p) => decodeChange(p)?.change.rooms ?? [])).toEqual(many.map((c) => c.rooms[0]));
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

  it('the changes of one event-loop turn go out in one statement', async () => {
    const notifier = new InProcessNotifier();
    const sent: unknown[][] = [];
    const bridge = await startPgNotifyBridge(tdb.url, notifier, async (sql, params) => {
      sent.push(params);
      return a.db.kind === 'postgres' ? a.db.pool.query(sql, params) : undefined;
    });
    try {
      const woken = b.notifier.wait({ rooms: new Set(['!r9:x']) }, 5000);
      await new Promise((r) => setTimeout(r, 20));
      for (let i = 0; i < 10; i++) notifier.notify({ rooms: [`!r${i}:x`] });
      expect(await woken).toBe(true);
      expect(sent).toHaveLength(1);
    } finally {
      await bridge.close();
    }
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
