import type { RateDecision, RateLimiter } from '@courier/server-domain';

/** A RateLimiter that allows everything except the keys told to refuse, and records each take. */
export class FakeRateLimiter implements RateLimiter {
  /** The keys of every `take`, in order. */
  readonly taken: string[] = [];
  private readonly refusing = new Map<string, number>();

  /** From now on, `take(key)` answers "wait retryAfterMs". */
  refuse(key: string, retryAfterMs: number): void {
    this.refusing.set(key, retryAfterMs);
  }

  allow(key: string): void {
    this.refusing.delete(key);
  }

  async take(key: string): Promise<RateDecision> {
    this.taken.push(key);
    const retryAfterMs = this.refusing.get(key);
    return retryAfterMs === undefined ? { allowed: true } : { allowed: false, retryAfterMs };
  }
}
