import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from '@courier/server-util-config';
import type { DataAccess } from '@courier/server-data-access';
import { registerMatrixErrorHandler } from './plugins/matrix-error-handler.plugin';
import { registerCors } from './plugins/cors.plugin';
import { registerRawBody } from './plugins/raw-body.plugin';
import { createServices, type Services } from './services';
import { registerClientRoutes } from './routes/client';

export interface AppDeps {
  config: Config;
  data: DataAccess;
  /** Injected clock, for tests; Date.now otherwise. */
  now?: () => number;
  /** pino options or false; main.ts passes the configured logger. */
  logger?: boolean | Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
  }
}

/**
 * Builds the Courier HTTP app: plugins first (errors, CORS, body handling), then the services
 * the routes call, then the routes. Never listens: main.ts (or a test) decides that.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.config.MAX_BODY_BYTES,
    return503OnClosing: false,
    routerOptions: { maxParamLength: 4096, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false, caseSensitive: true },
    requestIdHeader: 'x-request-id',
    requestIdLogLabel: 'request_id',
    genReqId: () => crypto.randomUUID(),
  });
  registerMatrixErrorHandler(app);
  registerCors(app);
  registerRawBody(app);
  app.decorate('services', createServices(deps));
  await app.register(registerClientRoutes);
  return app;
}
