import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';

interface SyncBody {
  next_batch: string;
  rooms: { join: Record<string, { timeline: { events: Array<{ event_id: string; content: { body?: string } }> } }> };
}

/**
 * Issue 7: three instances (separate buildApp()s, each with its own pool, caches and
 * LISTEN connection) on one throw-away PostgreSQL database.
 */
describe.skipIf(!(await postgresAvailable()))('three instances on one PostgreSQL', () => {
  let apps: TestApp[];
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;

  beforeAll(async () => {
    const first = await startTestApp('postgres');
    apps = [first, await startTestApp('postgres', { database: first.database }), await startTestApp('postgres', { database: first.database })];
    alice = await first.user('alice');
    bob = await first.user('bob');
    roomId = await first.createRoom(alice, { preset: 'public_chat' });
    await apps[1]?.join(bob, roomId);
  });
  afterAll(async () => {
    for (const app of [...apps].reverse()) await app.close();
  });

  const at = (i: number) => apps[i % apps.length] as TestApp;
  const send = (i: number, user: TestUser, txn: string, body = txn) =>
    at(i).as(user, { method: 'PUT', url: sendPath(roomId, 'm.room.message', txn), payload: { msgtype: 'm.text', body } });
  const sync = async (i: number, user: TestUser, query: string) => {
    const res = await at(i).as(user, { method: 'GET', url: `/_matrix/client/v3/sync?${query}` });
    expect(res.statusCode).toBe(200);
    return res.json() as SyncBody;
  };

  it('exactly once: identical sends spread over the instances produce one event', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => send(i, alice, 'spread', 'spread')));
    expect(new Set(results.map((r) => r.json().event_id)).size).toBe(1);
  });

  it('no reader misses an event: writers on every instance, a reader syncing all the while', async () => {
    const { next_batch: start } = await sync(2, bob, 'timeout=0');
    const total = 120;
    const writers = Promise.all(
      Array.from({ length: total }, (_, i) => send(i, i % 2 ? alice : bob, `w${i}`, `w${i}`).then((r) => r.json().event_id as string)),
    );
    const seen: string[] = [];
    let since = start;
    let done = false;
    const acked = writers.then((ids) => {
      done = true;
      return ids;
    });
    // The reader pages /sync on instance 2 while instances 0 and 1 (and 2) commit concurrently.
    while (!done || seen.length < total) {
      const body = await sync(2, bob, `since=${encodeURIComponent(since)}&timeout=200&filter=${encodeURIComponent('{"room":{"timeline":{"limit":1000}}}')}`);
      for (const e of body.rooms.join[roomId]?.timeline.events ?? []) if (e.content.body?.startsWith('w')) seen.push(e.event_id);
      since = body.next_batch;
      if (done && seen.length >= total) break;
    }
    const ids = await acked;
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(new Set(seen)).toEqual(new Set(ids));
    // A consistent order: the order the reader saw is the order of the stream.
    const rows = await at(0).data.db.prisma.event.findMany({ where: { event_id: { in: ids } }, orderBy: { stream: 'asc' }, select: { event_id: true } });
    expect(seen).toEqual(rows.map((r) => r.event_id));
  });

  it('a long-poll /sync on instance B wakes within 100 ms of a commit on instance A', async () => {
    const { next_batch } = await sync(1, bob, 'timeout=0');
    const waiting = sync(1, bob, `since=${encodeURIComponent(next_batch)}&timeout=20000`).then((b) => ({ body: b, at: performance.now() }));
    await new Promise((r) => setTimeout(r, 300));
    const sent = await send(0, alice, 'wake', 'wake');
    const committedAt = performance.now();
    const { body, at: wokeAt } = await waiting;
    expect(body.rooms.join[roomId]?.timeline.events.map((e) => e.event_id)).toContain(sent.json().event_id);
    expect(wokeAt - committedAt).toBeLessThan(100);
  });

  it('a kick on instance A binds instance B at once', async () => {
    const carol = await at(0).user('carol');
    await at(0).join(carol, roomId);
    expect((await send(1, carol, 'c-before')).statusCode).toBe(200);
    const kick = await at(0).as(alice, { method: 'POST', url: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/kick`, payload: { user_id: carol.userId } });
    expect(kick.statusCode).toBe(200);
    expect((await send(1, carol, 'c-after')).statusCode).toBe(403);
    expect((await send(2, carol, 'c-after2')).statusCode).toBe(403);
  });

  it('a token logged out on instance A stops working on B and C at once', async () => {
    const dave = await at(0).user('dave');
    await at(0).join(dave, roomId);
    expect((await send(1, dave, 'd1')).statusCode).toBe(200);
    const out = await at(0).as(dave, { method: 'POST', url: '/_matrix/client/v3/logout', payload: {} });
    expect(out.statusCode).toBe(200);
    for (const i of [1, 2]) {
      const res = await send(i, dave, `d-after-${i}`);
      expect(res.statusCode).toBe(401);
      expect(res.json().errcode).toBe('M_UNKNOWN_TOKEN');
    }
  });
});
