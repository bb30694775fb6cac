import { Redis } from 'ioredis';
import { LOGIN_FAILURE_POLICY, type LoginFailurePolicy, type LoginFailureStore } from '@courier/server-domain';
import { RedisTokenBucket } from './redis-rate-limiter';

const BLOCK_PREFIX = 'courier:login-block:';

/**
 * Failed logins counted in Redis, so every instance sees the same failures: the failures go
 * through the shared token bucket, and a block is a key that expires when the wait is over.
 * Fails open like the send limiter: if Redis cannot answer, the password check still runs (it
 * is slow by design), but is not throttled meanwhile.
 */
export class RedisLoginFailures implements LoginFailureStore {
  private readonly bucket: RedisTokenBucket;
  private readonly redis: Redis;

  constructor(url: string, policy: LoginFailurePolicy = LOGIN_FAILURE_POLICY, private readonly onError: (err: unknown) => void = () => undefined) {
    this.bucket = new RedisTokenBucket(url, policy.perSecond, policy.burst, 'courier:login-failures:', onError);
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
    this.redis.on('error', (err) => this.onError(err));
  }

  async blockedFor(key: string): Promise<number> {
    try {
      const ms = await this.redis.pttl(BLOCK_PREFIX + key);
      return ms > 0 ? ms : 0;
    } catch (err) {
      this.onError(err);
      return 0;
    }
  }

  async recordFailure(key: string): Promise<number> {
    const decision = await this.bucket.take(key);
    if (decision.allowed) return 0;
    await this.redis.set(BLOCK_PREFIX + key, '1', 'PX', Math.max(1, decision.retryAfterMs)).catch((err: unknown) => this.onError(err));
    return decision.retryAfterMs;
  }

  async close(): Promise<void> {
    await this.bucket.close();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
