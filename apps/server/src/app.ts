import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from '@courier/server-util-config';
import type { DataAccess } from '@courier/server-data-access';
import { answerFrameworkError, registerMatrixErrorHandler } from './plugins/matrix-error-handler.plugin';
import { registerCors } from './plugins/cors.plugin';
import { registerRawBody } from './plugins/raw-body.plugin';
import { answerClientError, registerHttpEdgeAnswers } from './plugins/client-error.plugin';
import { registerGracefulClose } from './plugins/graceful-close.plugin';
import { createAppMetrics, registerMetrics } from './plugins/metrics.plugin';
import { SERVER_LIMITS, serverLimitOptions, type ServerLimits } from './server-limits';
import { createServices, type Services } from './services';
import { registerClientRoutes } from './routes/client';
import { registerTrpcGateway } from './plugins/trpc.plugin';
import { registerAdminStatic } from './plugins/admin-static.plugin';
import { registerOpsRoutes } from './routes/ops';
import { registerResponseValidation } from './routes/matrix/register-matrix-routes';

export interface AppDeps {
  config: Config;
  data: DataAccess;
  /** Injected clock, for tests; Date.now otherwise. */
  now?: () => number;
  /** pino options or false; main.ts passes the configured logger. */
  logger?: boolean | Record<string, unknown>;
  /** Connection limits and timeouts; tests shorten them. */
  limits?: Partial<ServerLimits>;
  /**
   * Tests only: check every Matrix response against its operation's schema in spec/ for that
   * status; a mismatch is answered 500 and recorded on `app.responseMismatches`.
   */
  validateResponses?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    /** Spec mismatches seen by response validation (AppDeps.validateResponses); empty otherwise. */
    responseMismatches: string[];
    /** Every route registered (method + URL), for the spec contract tests. */
    registeredRoutes: { method: string; url: string }[];
  }
}

/**
 * The Fastify options of every Courier listener (the public app and the internal gateway one):
 * limits and timeouts, request ids in logs, Matrix answers for errors Fastify meets first.
 */
export function serverOptions(deps: AppDeps) {
  return {
    logger: deps.logger ?? false,
    bodyLimit: deps.config.MAX_BODY_BYTES,
    return503OnClosing: false,
    routerOptions: { maxParamLength: 4096, ignoreTrailingSlash: false, ignoreDuplicateSlashes: false, caseSensitive: true },
    requestIdHeader: 'x-request-id',
    // Every log line of a request carries its id under this label.
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    genReqId: () => crypto.randomUUID(),
    ...serverLimitOptions({ ...SERVER_LIMITS, ...deps.limits }),
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  };
}

/** The plugins every listener needs before its routes: errors, CORS, edge answers, close, bodies. */
export function registerEdgePlugins(app: FastifyInstance): void {
  registerMatrixErrorHandler(app);
  registerCors(app);
  registerHttpEdgeAnswers(app);
  registerGracefulClose(app);
  registerRawBody(app);
}

/**
 * Builds the Courier HTTP app: plugins first (errors, CORS, body handling), then the services
 * the routes call, then the routes. Never listens: main.ts (or a test) decides that.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(deps));
  const registered: { method: string; url: string }[] = [];
  app.decorate('registeredRoutes', registered);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) registered.push({ method, url: r.url });
  });
  const metrics = createAppMetrics();
  registerEdgePlugins(app);
  registerMetrics(app, metrics);
  app.decorate('services', createServices(deps, metrics));
  app.decorate('responseMismatches', deps.validateResponses ? registerResponseValidation(app) : []);
  await app.register(registerOpsRoutes);
  app.addHook('onClose', async () => app.services.close());
  await app.register(registerClientRoutes);
  await registerTrpcGateway(app, app.services);
  registerAdminStatic(app);
  return app;
}
