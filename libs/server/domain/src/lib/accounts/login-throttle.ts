import { limitExceeded } from '@courier/shared-matrix-errors';
import { InMemoryTokenBucket } from '../rate-limit/rate-limiter';

/**
 * Failed-login policy, fixed and independent of RATE_LIMIT_*: five failures per user and IP,
 * then one more every 12 seconds (5 per minute), the way Synapse's rc_login.failed_attempts
 * works.
 */
export const LOGIN_FAILURE_POLICY = { burst: 5, perSecond: 5 / 60 } as const;

export type LoginFailurePolicy = { burst: number; perSecond: number };

/**
 * Where failed logins are counted: in this process, or in Redis when REDIS_URL is set, so that
 * every instance behind a load balancer counts the same failures.
 */
export interface LoginFailureStore {
  /** How long `key` is still blocked, in ms; 0 when it is not. */
  blockedFor(key: string): Promise<number>;
  /** Counts one failure; when it is one too many, blocks `key` and returns the wait (ms), else 0. */
  recordFailure(key: string): Promise<number>;
}

/** The failures of this process only: with several instances each counts its own. */
export class InMemoryLoginFailures implements LoginFailureStore {
  private readonly bucket: InMemoryTokenBucket;
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly now: () => number, policy: LoginFailurePolicy = LOGIN_FAILURE_POLICY) {
    this.bucket = new InMemoryTokenBucket(policy.perSecond, policy.burst, now);
  }

  async blockedFor(key: string): Promise<number> {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return 0;
    const wait = until - this.now();
    if (wait > 0) return wait;
    this.blockedUntil.delete(key);
    return 0;
  }

  async recordFailure(key: string): Promise<number> {
    const decision = this.bucket.takeSync(key);
    if (decision.allowed) return 0;
    if (this.blockedUntil.size > 100_000) this.forgetExpired();
    this.blockedUntil.set(key, this.now() + decision.retryAfterMs);
    return decision.retryAfterMs;
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [k, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(k);
  }
}

/**
 * Counts failed password checks per key (user + IP). A failure beyond the policy is answered
 * 429 instead of 403, and until the wait is over every attempt for that key is 429 before any
 * password is checked, so a correct guess cannot be found by brute force in the meantime.
 */
export class LoginThrottle {
  private readonly store: LoginFailureStore;

  constructor(now: () => number, policy: LoginFailurePolicy = LOGIN_FAILURE_POLICY, store?: LoginFailureStore) {
    this.store = store ?? new InMemoryLoginFailures(now, policy);
  }

  /** Throws 429 M_LIMIT_EXCEEDED while `key` is blocked. */
  async assertAllowed(key: string): Promise<void> {
    const wait = await this.store.blockedFor(key);
    if (wait > 0) throw limitExceeded(wait);
  }

  /** Records a failure; throws 429 when this failure is one too many. */
  async recordFailure(key: string): Promise<void> {
    const wait = await this.store.recordFailure(key);
    if (wait > 0) throw limitExceeded(wait);
  }
}
