import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '@courier/server-testing';
import { startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { createReadingHelpers } from '../reading/reading-helpers';
import { deviceKeys, e2eRequests } from './e2ee-helpers';

/** A device change on one instance wakes a /sync long-poll on another (PostgreSQL LISTEN/NOTIFY). */
describe.skipIf(!(await postgresAvailable()))('device-list wake-ups across two instances', () => {
  let a: TestApp;
  let b: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    a = await startTestApp('postgres');
    b = await startTestApp('postgres', { database: a.database });
    alice = await a.user('alice');
    bob = await a.user('bob');
    const roomId = await a.createRoom(alice, { preset: 'public_chat' });
    await a.join(bob, roomId);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it("new device keys uploaded on instance A wake alice's long-poll on instance B at once", async () => {
    const hb = createReadingHelpers(() => b);
    const { next_batch } = await hb.sync(alice);
    const poll = hb.sync(alice, { since: next_batch, timeout: '10000' });
    await new Promise((res) => setTimeout(res, 300));
    const phone = await a.login(bob.userId);
    const sentAt = performance.now();
    expect((await e2eRequests(() => a).upload(phone, { device_keys: deviceKeys(phone).keys })).statusCode).toBe(200);
    const s = (await poll) as unknown as { device_lists: { changed: string[] } };
    expect(performance.now() - sentAt).toBeLessThan(2000);
    expect(s.device_lists.changed).toEqual([bob.userId]);
  });
});
