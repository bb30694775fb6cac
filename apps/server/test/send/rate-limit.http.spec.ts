import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';

describe('§8 rate limiting (SQLite; the limiter is in memory)', () => {
  let t: TestApp;
  let alice: TestUser;
  let roomId: string;
  let now = 1_800_000_000_000;

  beforeAll(async () => {
    t = await startTestApp('sqlite', {
      env: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '3', RATE_LIMIT_EXEMPT_USERS: '' },
      now: () => now,
    });
    alice = await t.user('alice');
    roomId = await t.createRoom(alice, { preset: 'public_chat' });
  });
  afterAll(async () => t.close());

  const send = (user: TestUser, txn: string) =>
    t.as(user, { method: 'PUT', url: sendPath(roomId, 'm.room.message', txn), payload: { msgtype: 'm.text', body: txn } });

  it('§8 over the burst: 429 M_LIMIT_EXCEEDED with retry_after_ms and Retry-After in whole seconds', async () => {
    for (let i = 0; i < 3; i++) expect((await send(alice, `b${i}`)).statusCode).toBe(200);
    const res = await send(alice, 'over');
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1000 });
    expect(res.headers['retry-after']).toBe('1');
  });

  it('§8 a 429 is not remembered as a transaction: the retry after the wait succeeds', async () => {
    now += 1000;
    const res = await send(alice, 'over');
    expect(res.statusCode).toBe(200);
  });

  it('§8 a retransmission of a committed txn is answered without spending a token', async () => {
    const first = await send(alice, 'b0');
    expect(first.statusCode).toBe(200);
  });

  it('§8 the limit is per user, not per device', async () => {
    const laptop = await t.login(alice.userId);
    const res = await send(laptop, 'other-device');
    expect(res.statusCode).toBe(429);
  });
});

describe('§8 exempt users', () => {
  let t: TestApp;
  afterAll(async () => t.close());

  it('§8 users on RATE_LIMIT_EXEMPT_USERS are never limited', async () => {
    t = await startTestApp('sqlite', { env: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '1' }, now: () => 0 });
    const probe = await t.user('probe');
    // The exempt list is read at build time, so build a second app on the same database with it set.
    const exemptApp = await startTestApp('sqlite', {
      env: { RATE_LIMIT_PER_SECOND: '1', RATE_LIMIT_BURST: '1', RATE_LIMIT_EXEMPT_USERS: probe.userId },
      database: t.database,
      now: () => 0,
    });
    try {
      const room = await exemptApp.createRoom(probe);
      for (let i = 0; i < 5; i++) {
        const res = await exemptApp.as(probe, { method: 'PUT', url: sendPath(room, 'm.room.message', `x${i}`), payload: { body: 'x' } });
        expect(res.statusCode).toBe(200);
      }
    } finally {
      await exemptApp.close();
    }
  });
});
