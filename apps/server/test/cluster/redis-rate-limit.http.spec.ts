import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendPath, startTestApp, type TestApp, type TestUser } from '../support/test-app';
import { loginRequest, passwordLogin, registerUser } from '../accounts/helpers';


const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const IN_CI = process.env['CI'] === 'true';

async function redisReachable(): Promise<boolean> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000 });
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    if (IN_CI) throw new Error(`Redis is not reachable at ${REDIS_URL}, and CI=true requires it`);
    console.warn(`[courier] NOTICE: Redis not reachable at ${REDIS_URL}: the shared rate-limit tests are SKIPPED.`);
    return false;
  } finally {
    r.disconnect();
  }
}

/** §8 with several instances: REDIS_URL makes the token bucket one bucket for all of them. */
describe.skipIf(!(await redisReachable()))('§8 rate limits across two instances with REDIS_URL', () => {
  let a: TestApp;
  let b: TestApp;
  let alice: TestUser;
  let roomId: string;

  beforeAll(async () => {
    // A fresh key prefix per run is not configurable, so use fresh users: buckets are per user.
    const env = { RATE_LIMIT_PER_SECOND: '0.5', RATE_LIMIT_BURST: '3', REDIS_URL };
    a = await startTestApp('sqlite', { env });
    b = await startTestApp('sqlite', { env, database: a.database });
    alice = await a.user(`rl-${randomUUID().slice(0, 8)}`);
    roomId = await a.createRoom(alice);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const send = (app: TestApp, txn: string) =>
    app.as(alice, { method: 'PUT', url: sendPath(roomId, 'm.room.message', txn), payload: { msgtype: 'm.text', body: txn } });

  it('§8 the burst is shared: 2 sends on A and 1 on B use it up, the next on either is 429', async () => {
    expect((await send(a, 's1')).statusCode).toBe(200);
    expect((await send(a, 's2')).statusCode).toBe(200);
    expect((await send(b, 's3')).statusCode).toBe(200);
    const limitedB = await send(b, 's4');
    expect(limitedB.statusCode).toBe(429);
    expect(limitedB.json().errcode).toBe('M_LIMIT_EXCEEDED');
    expect(limitedB.json().retry_after_ms).toBeGreaterThan(0);
    expect(limitedB.headers['retry-after']).toBeDefined();
    expect((await send(a, 's5')).statusCode).toBe(429);
  });
});

/** Failed logins with REDIS_URL: the throttle counts every instance's failures as one. */
describe.skipIf(!(await redisReachable()))('failed-login throttle across two instances with REDIS_URL', () => {
  let a: TestApp;
  let b: TestApp;
  let name: string;

  beforeAll(async () => {
    a = await startTestApp('sqlite', { env: { REDIS_URL, ENABLE_REGISTRATION: 'true' } });
    b = await startTestApp('sqlite', { env: { REDIS_URL, ENABLE_REGISTRATION: 'true' }, database: a.database });
    // Redis outlives the test run: a fresh user gives fresh failure counts.
    name = `lt${randomUUID().slice(0, 8)}`;
    await registerUser(a, name, 'right-password');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('five failures spread over A and B use up the allowance; the next on either is 429, even with the right password', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginRequest(i % 2 ? b : a, passwordLogin(name, `wrong${i}`))).statusCode);
    expect(statuses).toEqual([403, 403, 403, 403, 403]);
    const sixth = await loginRequest(b, passwordLogin(name, 'wrong5'));
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: expect.any(Number) });
    // The block set through B holds on A, before any password is checked.
    expect((await loginRequest(a, passwordLogin(name, 'right-password'))).statusCode).toBe(429);
  });
});
