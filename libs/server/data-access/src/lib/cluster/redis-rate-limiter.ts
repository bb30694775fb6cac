import { Redis } from 'ioredis';
import type { RateDecision, RateLimiter } from '@courier/server-domain';

/**
 * The token bucket, kept in Redis so every instance draws from the same bucket per user. The
 * script runs atomically in Redis and reads Redis's own clock, so instances with skewed clocks
 * still agree. Buckets expire once they would be full again.
 */
const TAKE = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / rate * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return {allowed, retry}
`;

export class RedisTokenBucket implements RateLimiter {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly prefix = 'courier:rl:',
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
    this.redis.on('error', (err) => this.onError(err));
    this.redis.defineCommand('courierTake', { numberOfKeys: 1, lua: TAKE });
  }

  /** Fails open: if Redis cannot answer, the request is allowed (limiting is protection, not a rule). */
  async take(key: string): Promise<RateDecision> {
    try {
      const take = (this.redis as unknown as { courierTake(k: string, r: number, b: number): Promise<[number, number]> }).courierTake;
      const [allowed, retry] = await take.call(this.redis, this.prefix + key, this.ratePerSecond, Math.max(1, this.burst));
      return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs: retry };
    } catch (err) {
      this.onError(err);
      return { allowed: true };
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
