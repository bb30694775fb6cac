import { describe, expect, it } from 'vitest';
import type { MatrixError } from '@courier/shared-matrix-errors';
import { LoginThrottle, type LoginFailureStore } from './login-throttle';

const thrown = async (fn: () => Promise<void>) => {
  try {
    await fn();
  } catch (err) {
    return err as MatrixError;
  }
  return undefined;
};

describe('LoginThrottle', () => {
  it('allows five failures, refuses the sixth with 429, and blocks until the wait is over', async () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 5; i++) expect(await thrown(() => throttle.recordFailure('u|ip'))).toBeUndefined();
    const over = await thrown(() => throttle.recordFailure('u|ip'));
    expect(over?.status).toBe(429);
    expect(over?.toBody()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 12_000 });
    expect((await thrown(() => throttle.assertAllowed('u|ip')))?.status).toBe(429);
    expect(await thrown(() => throttle.assertAllowed('u|other-ip'))).toBeUndefined();
    now += 12_000;
    expect(await thrown(() => throttle.assertAllowed('u|ip'))).toBeUndefined();
    expect(await thrown(() => throttle.recordFailure('u|ip'))).toBeUndefined();
    expect((await thrown(() => throttle.recordFailure('u|ip')))?.status).toBe(429);
  });

  it('asks its store: a block another instance recorded there refuses here too', async () => {
    const shared: LoginFailureStore = { blockedFor: async (key) => (key === 'u|ip' ? 7_000 : 0), recordFailure: async () => 0 };
    const throttle = new LoginThrottle(() => 0, undefined, shared);
    const refused = await thrown(() => throttle.assertAllowed('u|ip'));
    expect(refused?.toBody()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 7_000 });
    expect(await thrown(() => throttle.assertAllowed('v|ip'))).toBeUndefined();
  });
});
