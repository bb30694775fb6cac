import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';

/**
 * Exactly-once across instances: two buildApp()s, each with its own connections and caches,
 * on one database. On PostgreSQL this is the many-instances deployment; on SQLite it is two
 * processes' worth of connections on one file (e.g. the CLI beside the server).
 */
describe.each(await dbKinds())('two app instances on one %s database', (kind) => {
  let a: TestApp;
  let b: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;

  beforeAll(async () => {
    a = await startTestApp(kind);
    b = await startTestApp(kind, { database: a.database });
    alice = await a.user('alice');
    bob = await a.user('bob');
    roomId = await a.createRoom(alice, { preset: 'public_chat' });
    await b.join(bob, roomId);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const put = (app: TestApp, user: TestUser, type: string, txn: string, payload: unknown) =>
    app.as(user, { method: 'PUT', url: sendPath(roomId, type, txn), payload: payload as Record<string, unknown> });

  it('§5 50 identical PUTs spread over two instances → one event, 50 identical event_ids', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => put(i % 2 ? a : b, alice, 'm.room.message', 'both', { msgtype: 'm.text', body: 'once' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    const ids = new Set(results.map((r) => r.json().event_id));
    expect(ids.size).toBe(1);
    expect(await a.data.db.prisma.clientTxn.count({ where: { txn_id: 'both' } })).toBe(1);
    expect(await a.data.db.prisma.event.count({ where: { room_id: roomId, json: { contains: '"once"' } } })).toBe(1);
  });

  it('§6 20 identical reactions with different txnIds over two instances → exactly one 200', async () => {
    const target = (await put(a, alice, 'm.room.message', 'target', { msgtype: 'm.text', body: 't' })).json().event_id;
    const reaction = { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '⭐' } };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => put(i % 2 ? a : b, bob, 'm.reaction', `r${i}`, reaction)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200).map((r) => r.json().errcode)).toEqual(Array(19).fill('M_DUPLICATE_ANNOTATION'));
  });

  it('§7 concurrent sends to one room from both instances keep the room a line (prev_events, depth)', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => put(i % 2 ? a : b, alice, 'm.room.message', `line${i}`, { body: String(i) })));
    const rows = await a.data.db.prisma.event.findMany({ where: { room_id: roomId }, orderBy: { stream: 'asc' } });
    for (let i = 1; i < rows.length; i++) {
      const pdu = JSON.parse(rows[i]?.json ?? '{}') as { prev_events: string[]; depth: number };
      expect(pdu.prev_events).toEqual([rows[i - 1]?.event_id]);
      expect(pdu.depth).toBe((rows[i - 1]?.depth ?? 0) + 1);
    }
  });

  it('§2 a membership change on one instance is seen by the other at once', async () => {
    const carol = await a.user('carol');
    await a.join(carol, roomId);
    expect((await put(b, carol, 'm.room.message', 'c1', { body: 'hi' })).statusCode).toBe(200);
    const kick = await a.as(alice, { method: 'POST', url: `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/kick`, payload: { user_id: carol.userId } });
    expect(kick.statusCode).toBe(200);
    expect((await put(b, carol, 'm.room.message', 'c2', { body: 'still?' })).statusCode).toBe(403);
  });
});
