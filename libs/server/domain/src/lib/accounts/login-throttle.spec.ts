import { describe, expect, it } from 'vitest';
import type { MatrixError } from '@courier/shared-matrix-errors';
import { LoginThrottle } from './login-throttle';

const thrown = (fn: () => void) => {
  try {
    fn();
  } catch (err) {
    return err as MatrixError;
  }
  return undefined;
};

describe('LoginThrottle', () => {
  it('allows five failures, refuses the sixth with 429, and blocks until the wait is over', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    for (let i = 0; i < 5; i++) expect(thrown(() => throttle.recordFailure('u|ip'))).toBeUndefined();
    const over = thrown(() => throttle.recordFailure('u|ip'));
    expect(over?.status).toBe(429);
    expect(over?.toBody()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 12_000 });
    expect(thrown(() => throttle.assertAllowed('u|ip'))?.status).toBe(429);
    expect(thrown(() => throttle.assertAllowed('u|other-ip'))).toBeUndefined();
    now += 12_000;
    expect(thrown(() => throttle.assertAllowed('u|ip'))).toBeUndefined();
    expect(thrown(() => throttle.recordFailure('u|ip'))).toBeUndefined();
    expect(thrown(() => throttle.recordFailure('u|ip'))?.status).toBe(429);
  });
});
