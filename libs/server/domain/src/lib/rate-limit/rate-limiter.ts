/** The answer of a rate limiter: go ahead, or wait this long. */
export type RateDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

export interface RateLimiter {
  /** Takes one token from `key`'s bucket. */
  take(key: string): Promise<RateDecision>;
}

export const unlimited: RateLimiter = { take: async () => ({ allowed: true }) };

/**
 * A token bucket per key, in this process: `ratePerSecond` tokens refill per second up to
 * `burst`. With several instances each has its own buckets (see the Redis limiter).
 */
export class InMemoryTokenBucket implements RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  async take(key: string): Promise<RateDecision> {
    return this.takeSync(key);
  }

  takeSync(key: string): RateDecision {
    const now = this.now();
    const capacity = Math.max(1, this.burst);
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * this.ratePerSecond);
    b.at = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= this.maxKeys) this.evictFull(now);
      this.buckets.set(key, b);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterMs: Math.ceil(((1 - b.tokens) / this.ratePerSecond) * 1000) };
  }

  /** Forgets buckets that have refilled: they hold no information. */
  private evictFull(now: number): void {
    const capacity = Math.max(1, this.burst);
    for (const [k, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * this.ratePerSecond >= capacity) this.buckets.delete(k);
    }
  }
}

/** The limiter for a config: 0 in either setting turns limiting off. */
export function createRateLimiter(ratePerSecond: number, burst: number, now?: () => number): RateLimiter {
  return ratePerSecond > 0 && burst > 0 ? new InMemoryTokenBucket(ratePerSecond, burst, now) : unlimited;
}
