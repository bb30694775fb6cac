import type { FastifyRequest } from 'fastify';
import {
  InProcessTyping,
  LoginThrottle,
  authenticateAccessToken,
  createRateLimiter,
  type RateLimiter,
  type Requester,
  type TypingStore,
} from '@courier/server-domain';
import { FsMediaStorage, RedisLoginFailures, RedisTokenBucket, RedisTyping } from '@courier/server-data-access';
import type { MediaDeps } from '@courier/server-feature-media';
import type { AccountDeps } from '@courier/server-feature-accounts';
import { createSendMessageDeps, type SendMessageDeps } from '@courier/server-feature-send-message';
import type { DirectoryDeps, ProfileDeps, RoomDeps } from '@courier/server-feature-rooms';
import type { ReadingDeps, ReceiptDeps, TypingDeps } from '@courier/server-feature-sync';
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
  /** Profiles, copied into the rooms the user is joined to (feature-rooms). */
  profiles: ProfileDeps;
  /** The read side: sync, /messages, state, members, filters (feature-sync). */
  reading: ReadingDeps;
  /** Registration, login, devices, account data, E2EE keys, to-device (feature-accounts). */
  accounts: AccountDeps;
  /** The media repository: metadata in the database, bytes under MEDIA_PATH (feature-media). */
  media: MediaDeps;
  /** Room aliases and the public room directory (feature-rooms). */
  directory: DirectoryDeps;
  /** Read receipts and read markers (feature-sync). */
  receipts: ReceiptDeps;
  /** Typing notifications: in Redis when REDIS_URL is set, otherwise in this process. */
  typing: TypingDeps;
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

/** Typing state: shared by every instance through Redis when REDIS_URL is set. A change wakes /sync. */
function createTypingStore(deps: AppDeps, now: () => number): TypingStore {
  const wake = (roomId: string) => deps.data.notifier.notify({ rooms: [roomId] });
  const redisUrl = deps.config.REDIS_URL;
  return redisUrl ? new RedisTyping(redisUrl, wake) : new InProcessTyping(wake, now);
}

export function createServices(deps: AppDeps, metrics?: AppMetrics): Services {
  const now = deps.now ?? Date.now;
  const { config, data } = deps;
  // Writers go through the timed store so /metrics shows database latency of the write path.
  const events = metrics ? timedEventStore(data.events, metrics.dbDuration) : data.events;
  const rateLimit = createSendRateLimiter(deps, now);
  const login = createLoginThrottle(deps, now);
  const rooms: RoomDeps = { events, serverName: config.SERVER_NAME, signingKey: data.signingKey, now };
  const typing = createTypingStore(deps, now);
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
    rooms,
    directory: { rooms, aliases: data.aliases, directory: data.directory, reader: data.reader, serverName: config.SERVER_NAME, now },
    profiles: { rooms, profiles: data.accountStores.profiles, joinedRooms: (userId) => data.reader.joinedRooms(userId) },
    reading: {
      reader: data.reader,
      filters: data.filters,
      notifier: data.notifier,
      now,
      presence: data.accountStores.presence,
      profiles: data.accountStores.profiles,
      receipts: data.receipts,
      typing,
      relations: data.relations,
      search: data.search,
    },
    receipts: { reader: data.reader, receipts: data.receipts, accountData: data.accountStores.accountData, notifier: data.notifier, now },
    typing: { reader: data.reader, typing },
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
    media: {
      store: data.media,
      storage: new FsMediaStorage(config.MEDIA_PATH),
      serverName: config.SERVER_NAME,
      maxBytes: config.MEDIA_MAX_BYTES,
      now,
    },
    authenticate: (request) => authenticateAccessToken(data.accounts, extractAccessToken(request), now()),
    close: async () => {
      await rateLimit.close();
      await login.close();
      await typing.close();
    },
  };
}
