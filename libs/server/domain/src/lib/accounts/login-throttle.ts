import { limitExceeded } from '@courier/shared-matrix-errors';
import { InMemoryTokenBucket } from '../rate-limit/rate-limiter';

/**
 * Failed-login policy, fixed and independent of RATE_LIMIT_*: five failures per user and IP,
 * then one more every 12 seconds (5 per minute), the way Synapse's rc_login.failed_attempts
 * works. In-process: with several instances each counts its own failures.
 */
export const LOGIN_FAILURE_POLICY = { burst: 5, perSecond: 5 / 60 } as const;

/**
 * Counts failed password checks per key (user + IP). A failure beyond the policy is answered
 * 429 instead of 403, and until the wait is over every attempt for that key is 429 before any
 * password is checked, so a correct guess cannot be found by brute force in the meantime.
 */
export class LoginThrottle {
  private readonly bucket: InMemoryTokenBucket;
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly now: () => number, policy: { burst: number; perSecond: number } = LOGIN_FAILURE_POLICY) {
    this.bucket = new InMemoryTokenBucket(policy.perSecond, policy.burst, now);
  }

  /** Throws 429 M_LIMIT_EXCEEDED while `key` is blocked. */
  assertAllowed(key: string): void {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return;
    const wait = until - this.now();
    if (wait > 0) throw limitExceeded(wait);
    this.blockedUntil.delete(key);
  }

  /** Records a failure; throws 429 when this failure is one too many. */
  recordFailure(key: string): void {
    const decision = this.bucket.takeSync(key);
    if (decision.allowed) return;
    if (this.blockedUntil.size > 100_000) this.forgetExpired();
    this.blockedUntil.set(key, this.now() + decision.retryAfterMs);
    throw limitExceeded(decision.retryAfterMs);
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [k, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(k);
  }
}
