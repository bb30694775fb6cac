import { describe, expect, it } from 'vitest';
import { InMemoryTokenBucket, createRateLimiter } from './rate-limiter';

describe('token bucket', () => {
  it('allows a burst, then refuses with the time until the next token', async () => {
    let now = 0;
    const limiter = new InMemoryTokenBucket(2, 3, () => now);
    for (let i = 0; i < 3; i++) expect(await limiter.take('a')).toEqual({ allowed: true });
    expect(await limiter.take('a')).toEqual({ allowed: false, retryAfterMs: 500 });
    now = 500;
    expect(await limiter.take('a')).toEqual({ allowed: true });
  });

  it('keeps one bucket per key', async () => {
    const limiter = new InMemoryTokenBucket(1, 1, () => 0);
    expect((await limiter.take('a')).allowed).toBe(true);
    expect((await limiter.take('b')).allowed).toBe(true);
    expect((await limiter.take('a')).allowed).toBe(false);
  });

  it('is off when rate or burst is 0', async () => {
    const limiter = createRateLimiter(0, 10);
    for (let i = 0; i < 100; i++) expect((await limiter.take('a')).allowed).toBe(true);
    expect((await createRateLimiter(5, 0).take('a')).allowed).toBe(true);
  });
});
