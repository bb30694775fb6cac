import type { FastifyInstance } from 'fastify';
import { versionsRoute } from './versions.route';
import { roomsSendRoute } from './rooms-send.route';
import { roomsCreateRoute } from './rooms-create.route';
import { roomsMembershipRoute } from './rooms-membership.route';
import { roomsRedactRoute } from './rooms-redact.route';
import { roomsStatePutRoute } from './rooms-state-put.route';
import { accountRootRoutes, accountRoutes } from './accounts';
import { readingRoutes, readingV1Routes } from './reading';

/** Client-Server API routes, each served under v3 and the legacy r0 prefix. */
const PREFIXED_ROUTES = [roomsSendRoute, roomsRedactRoute, roomsCreateRoute, roomsMembershipRoute, roomsStatePutRoute, ...accountRoutes, ...readingRoutes];

/** Client-Server API routes the spec defines under /_matrix/client/v1 only. */
const V1_ROUTES = [...readingV1Routes];

export async function registerClientRoutes(app: FastifyInstance): Promise<void> {
  versionsRoute(app);
  for (const route of accountRootRoutes) route(app);
  for (const prefix of ['/_matrix/client/v3', '/_matrix/client/r0']) {
    await app.register(
      async (scoped) => {
        for (const route of PREFIXED_ROUTES) route(scoped);
      },
      { prefix },
    );
  }
  await app.register(
    async (scoped) => {
      for (const route of V1_ROUTES) route(scoped);
    },
    { prefix: '/_matrix/client/v1' },
  );
}
