import type { FastifyRequest } from 'fastify';
import { LoginThrottle, authenticateAccessToken, createRateLimiter, type RateLimiter, type Requester } from '@courier/server-domain';
import { RedisLoginFailures, RedisTokenBucket } from '@courier/server-data-access';
import type { AccountDeps } from '@courier/server-feature-accounts';
import { createSendMessageDeps, type SendMessageDeps } from '@courier/server-feature-send-message';
import type { RoomDeps } from '@courier/server-feature-rooms';
import type { ReadingDeps } from '@courier/server-feature-sync';
import type { AppDeps } from './app';
import { extractAccessToken } from './plugins/auth.plugin';
import type { AppMetrics } from './plugins/app-metrics';
import { timedEventStore } from './plugins/timed-event-store';

/** What routes need, wired once per app from its dependencies. */
export interface Services {
  deps: AppDeps;
  now: () => number;
  serverName: string;
  send: SendMessageDeps;
  rooms: RoomDeps;
  /** The read side: sync, /messages, state, members, filters (feature-sync). */
  reading: ReadingDeps;
  /** Registration, login, devices, account data, E2EE keys, to-device (feature-accounts). */
  accounts: AccountDeps;
  /** The requester of an authenticated endpoint, or a 401/403 MatrixError. */
  authenticate(request: FastifyRequest): Promise<Requester>;
  /** Releases what the services hold open (the Redis connections of the rate limiters). */
  close(): Promise<void>;
}

/**
 * The send rate limiter: shared by every instance through Redis when REDIS_URL is set,
 * otherwise per process; off when the rate or the burst is 0.
 */
function createSendRateLimiter(deps: AppDeps, now: () => number): { limiter: RateLimiter; close(): Promise<void> } {
  const { RATE_LIMIT_PER_SECOND: rate, RATE_LIMIT_BURST: burst, REDIS_URL: redisUrl } = deps.config;
  if (redisUrl && rate > 0 && burst > 0) {
    const limiter = new RedisTokenBucket(redisUrl, rate, burst);
    return { limiter, close: () => limiter.close() };
  }
  return { limiter: createRateLimiter(rate, burst, now), close: async () => undefined };
}

/** The failed-login throttle: counted in Redis when REDIS_URL is set, so it binds every instance. */
function createLoginThrottle(deps: AppDeps, now: () => number): { throttle: LoginThrottle; close(): Promise<void> } {
  const redisUrl = deps.config.REDIS_URL;
  if (!redisUrl) return { throttle: new LoginThrottle(now), close: async () => undefined };
  const store = new RedisLoginFailures(redisUrl);
  return { throttle: new LoginThrottle(now, undefined, store), close: () => store.close() };
}

export function createServices(deps: AppDeps, metrics?: AppMetrics): Services {
  const now = deps.now ?? Date.now;
  const { config, data } = deps;
  // Writers go through the timed store so /metrics shows database latency of the write path.
  const events = metrics ? timedEventStore(data.events, metrics.dbDuration) : data.events;
  const rateLimit = createSendRateLimiter(deps, now);
  const login = createLoginThrottle(deps, now);
  const send = createSendMessageDeps({
    events,
    serverName: config.SERVER_NAME,
    signingKey: data.signingKey,
    now,
    rateLimiter: rateLimit.limiter,
    rateLimitExempt: new Set(config.RATE_LIMIT_EXEMPT_USERS),
    ...(metrics ? { metrics: metrics.send } : {}),
  });
  return {
    deps,
    now,
    serverName: config.SERVER_NAME,
    send,
    rooms: { events, serverName: config.SERVER_NAME, signingKey: data.signingKey, now },
    reading: { reader: data.reader, filters: data.filters, relations: data.relations, search: data.search, notifier: data.notifier, now },
    accounts: {
      accounts: data.accounts,
      ...data.accountStores,
      notifier: data.notifier,
      serverName: config.SERVER_NAME,
      now,
      registrationEnabled: config.ENABLE_REGISTRATION,
      sharedSecret: config.REGISTRATION_SHARED_SECRET,
      loginThrottle: login.throttle,
    },
    authenticate: (request) => authenticateAccessToken(data.accounts, extractAccessToken(request), now()),
    close: async () => {
      await rateLimit.close();
      await login.close();
    },
  };
}
