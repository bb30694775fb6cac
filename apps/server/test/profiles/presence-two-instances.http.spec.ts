import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { V3, enc, syncOf } from './helpers';

/** Presence and profile changes made on one instance wake long-polls on another (LISTEN/NOTIFY). */
describe.skipIf(!(await postgresAvailable()))('presence and profiles across two instances on one PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: string;
  beforeAll(async () => {
    a = await startTestApp('postgres');
    b = await startTestApp('postgres', { database: a.database });
    alice = await a.user('alice');
    bob = await a.user('bob');
    roomId = await a.createRoom(alice, { preset: 'public_chat' });
    await b.join(bob, roomId);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const longPoll = (since: string) => b.as(bob, { method: 'GET', url: `${V3}/sync?timeout=20000&since=${enc(since)}` });

  it('a presence change on instance A wakes a /sync waiting on instance B', async () => {
    const first = await syncOf(b, bob);
    const started = Date.now();
    const pending = longPoll(first.next_batch);
    await new Promise((r) => setTimeout(r, 300));
    expect((await a.as(alice, { method: 'PUT', url: `${V3}/presence/${enc(alice.userId)}/status`, payload: { presence: 'online' } })).statusCode).toBe(200);
    const body = (await pending).json() as { presence: { events: Array<{ sender: string; content: { presence: string } }> } };
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(body.presence.events).toEqual([expect.objectContaining({ sender: alice.userId, content: expect.objectContaining({ presence: 'online' }) })]);
  });

  it('a display name change on instance A reaches a /sync waiting on instance B as a member event', async () => {
    const first = await syncOf(b, bob);
    const pending = longPoll(first.next_batch);
    await new Promise((r) => setTimeout(r, 300));
    await a.as(alice, { method: 'PUT', url: `${V3}/profile/${enc(alice.userId)}/displayname`, payload: { displayname: 'Alice on A' } });
    const body = (await pending).json() as { rooms: { join: Record<string, { timeline: { events: Array<{ type: string; content: Record<string, unknown> }> } }> } };
    expect(body.rooms.join[roomId]?.timeline.events).toContainEqual(
      expect.objectContaining({ type: 'm.room.member', content: { membership: 'join', displayname: 'Alice on A' } }),
    );
  });
});
