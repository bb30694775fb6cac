import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, postgresAvailable, startFaultProxy, type FaultProxy, type TestDatabase } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';

/**
 * Exactly-once through a lost connection (SEND_CONTRACT §5, README "Operations"): when the
 * connection dies with the send's COMMIT (or its one autocommitted statement) in flight, the
 * server cannot know whether it committed. It must not answer 200 (it answers 503 with
 * Retry-After), and the client's retry with the same txnId must then get the original event if
 * it was committed, or commit exactly one if it was not. A proxy cuts the connection at exactly
 * that statement.
 */
describe.skipIf(!(await postgresAvailable()))('a send whose commit outcome is unknown (PostgreSQL)', () => {
  let database: TestDatabase;
  let proxy: FaultProxy;
  let direct: TestApp;
  let proxied: TestApp;
  let alice: TestUser;
  let roomId: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    direct = await startTestApp('postgres', { database });
    alice = await direct.user('alice');
    roomId = await direct.createRoom(alice);
    proxy = await startFaultProxy({ port: Number(new URL(database.url).port || 5432) });
    // A second instance whose connections all pass through the proxy; it has not written the
    // room yet, so its first send takes the careful path (BEGIN … COMMIT).
    proxied = await startTestApp('postgres', { database: { ...database, url: proxy.via(database.url), drop: async () => undefined } });
  });
  afterAll(async () => {
    await proxied?.close();
    await proxy?.close();
    await direct?.close();
    await database?.drop();
  });

  const put = (txnId: string) =>
    proxied.as(alice, { method: 'PUT', url: sendPath(roomId, 'm.room.message', txnId), payload: { msgtype: 'm.text', body: txnId } });
  const stored = async (txnId: string) => {
    const rows = await direct.data.db.prisma.clientTxn.findMany({ where: { txn_id: txnId } });
    const events = await direct.data.db.prisma.event.count({ where: { room_id: roomId, json: { contains: `"body":"${txnId}"` } } });
    return { eventIds: rows.map((r) => r.event_id), events };
  };

  async function cutThenRetry(txnId: string, pattern: string, forward: boolean) {
    const cut = proxy.cutAt(pattern, { forward });
    const first = await put(txnId);
    await cut;
    expect(first.statusCode).toBe(503);
    expect(first.json()).toEqual({ errcode: 'M_UNKNOWN', error: expect.any(String) });
    expect(first.headers['retry-after']).toBe('1');
    const before = await stored(txnId);
    const retry = await put(txnId);
    expect(retry.statusCode).toBe(200);
    const after = await stored(txnId);
    expect(after.events).toBe(1);
    expect(after.eventIds).toEqual([retry.json().event_id]);
    return { committedBeforeRetry: before.eventIds };
  }

  it('COMMIT reached the server, its answer was lost: 503, then the retry returns the committed event', async () => {
    const { committedBeforeRetry } = await cutThenRetry('commit-landed', 'COMMIT', true);
    expect(committedBeforeRetry).toHaveLength(1);
  });

  it('COMMIT never reached the server: 503, then the retry commits exactly one event', async () => {
    const { committedBeforeRetry } = await cutThenRetry('commit-lost', 'COMMIT', false);
    expect(committedBeforeRetry).toEqual([]);
  });

  it('the fast path (one autocommitted statement) committed, its answer was lost: 503, then the original event', async () => {
    // The room is now known to this instance and written by it alone: the fast path.
    expect((await put('warm-fast-path')).statusCode).toBe(200);
    const { committedBeforeRetry } = await cutThenRetry('fast-landed', 'courier_write_batch', true);
    expect(committedBeforeRetry).toHaveLength(1);
  });
});
