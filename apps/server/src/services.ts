import type { FastifyRequest } from 'fastify';
import { authenticateAccessToken, createRateLimiter, type Requester } from '@courier/server-domain';
import { createSendMessageDeps, type SendMessageDeps } from '@courier/server-feature-send-message';
import type { RoomDeps } from '@courier/server-feature-rooms';
import type { AppDeps } from './app';
import { extractAccessToken } from './plugins/auth.plugin';

/** What routes need, wired once per app from its dependencies. */
export interface Services {
  deps: AppDeps;
  now: () => number;
  serverName: string;
  send: SendMessageDeps;
  rooms: RoomDeps;
  /** The requester of an authenticated endpoint, or a 401/403 MatrixError. */
  authenticate(request: FastifyRequest): Promise<Requester>;
}

export function createServices(deps: AppDeps): Services {
  const now = deps.now ?? Date.now;
  const { config, data } = deps;
  const send = createSendMessageDeps({
    events: data.events,
    serverName: config.SERVER_NAME,
    signingKey: data.signingKey,
    now,
    rateLimiter: createRateLimiter(config.RATE_LIMIT_PER_SECOND, config.RATE_LIMIT_BURST, now),
    rateLimitExempt: new Set(config.RATE_LIMIT_EXEMPT_USERS),
  });
  return {
    deps,
    now,
    serverName: config.SERVER_NAME,
    send,
    rooms: { events: data.events, serverName: config.SERVER_NAME, signingKey: data.signingKey, now },
    authenticate: (request) => authenticateAccessToken(data.accounts, extractAccessToken(request), now()),
  };
}
