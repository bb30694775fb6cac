import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers, enc, type SyncResponse } from '../reading/reading-helpers';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    if (process.env['CI'] === 'true') throw new Error(`Redis is not reachable at ${REDIS_URL}, and CI=true requires it`);
    return false;
  } finally {
    r.disconnect();
  }
}

type Ephemeral = Array<{ type: string; content: Record<string, unknown> }>;
const ephemeral = (s: SyncResponse, roomId: string, type: string) =>
  ((s.rooms.join[roomId]?.['ephemeral'] as { events: Ephemeral } | undefined)?.events ?? []).filter((e) => e.type === type);

/**
 * Issue 15 with several instances: two instances on one PostgreSQL and one Redis. A receipt
 * or a typing notification sent to one instance wakes a long-poll on the other (receipts
 * through the database and LISTEN/NOTIFY, typing state through Redis).
 */
describe.skipIf(!(await postgresAvailable()) || !(await redisReachable()))('receipts and typing across two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  const ha = createReadingHelpers(() => a);
  const hb = createReadingHelpers(() => b);

  beforeAll(async () => {
    a = await startTestApp('postgres', { env: { REDIS_URL } });
    b = await startTestApp('postgres', { env: { REDIS_URL }, database: a.database });
    alice = await a.user('alice');
    bob = await a.user('bob');
    roomId = await a.createRoom(alice, { preset: 'public_chat' });
    await a.join(bob, roomId);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const longPoll = async (start: () => Promise<SyncResponse>, act: () => Promise<unknown>) => {
    await new Promise((r) => setTimeout(r, 300));
    const at = performance.now();
    const poll = start();
    await new Promise((r) => setTimeout(r, 300));
    await act();
    const s = await poll;
    return { s, ms: performance.now() - at - 300 };
  };

  it('a receipt on instance A wakes a long-poll on instance B', async () => {
    const eventId = await ha.send(alice, roomId, 'read me');
    const { next_batch } = await hb.sync(bob);
    const { s, ms } = await longPoll(
      () => hb.sync(bob, { since: next_batch, timeout: '10000' }),
      () => a.as(alice, { method: 'POST', url: `/_matrix/client/v3/rooms/${enc(roomId)}/receipt/m.read/${enc(eventId)}`, payload: {} }),
    );
    expect(ms).toBeLessThan(3000);
    expect(JSON.stringify(ephemeral(s, roomId, 'm.receipt'))).toContain(alice.userId);
  });

  it('typing on instance A wakes a long-poll on instance B and shows there; stopping on B shows on A', async () => {
    const { next_batch } = await hb.sync(bob);
    const { s, ms } = await longPoll(
      () => hb.sync(bob, { since: next_batch, timeout: '10000' }),
      () => a.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(roomId)}/typing/${enc(alice.userId)}`, payload: { typing: true, timeout: 20000 } }),
    );
    expect(ms).toBeLessThan(3000);
    expect(ephemeral(s, roomId, 'm.typing')).toEqual([{ type: 'm.typing', content: { user_ids: [alice.userId] } }]);
    // Instance A reads the same state, and a stop sent to B clears it for A.
    const onA = await ha.sync(bob);
    expect(ephemeral(onA, roomId, 'm.typing')).toEqual([{ type: 'm.typing', content: { user_ids: [alice.userId] } }]);
    await b.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(roomId)}/typing/${enc(alice.userId)}`, payload: { typing: false } });
    const cleared = await ha.sync(bob, { since: onA.next_batch });
    expect(ephemeral(cleared, roomId, 'm.typing')).toEqual([{ type: 'm.typing', content: { user_ids: [] } }]);
  });

  it('a typing timeout set on A ends on both instances and wakes B', async () => {
    await a.as(alice, { method: 'PUT', url: `/_matrix/client/v3/rooms/${enc(roomId)}/typing/${enc(alice.userId)}`, payload: { typing: true, timeout: 400 } });
    const { next_batch } = await hb.sync(bob);
    expect(ephemeral(await hb.sync(bob), roomId, 'm.typing')[0]?.content).toEqual({ user_ids: [alice.userId] });
    const s = await hb.sync(bob, { since: next_batch, timeout: '10000' });
    expect(ephemeral(s, roomId, 'm.typing')).toEqual([{ type: 'm.typing', content: { user_ids: [] } }]);
  });
});
