import type { FastifyError, FastifyInstance } from 'fastify';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { MatrixError, tooLarge, unrecognized } from '@courier/shared-matrix-errors';
import {
  appRouter,
  createContext,
  describeError,
  errorShapeOf,
  toTRPCError,
  type AppRouter,
  type GatewayServices,
} from '@courier/server-trpc-gateway';
import type { Services } from '../services';
import { createServerFaultLog, isServerFault } from './server-fault-log';

export const TRPC_PREFIX = '/_courier/trpc';

/** Methods a Fetch `Request` cannot carry (the Fetch standard's forbidden methods). */
const FETCH_FORBIDDEN_METHODS = new Set(['TRACE', 'TRACK', 'CONNECT']);

/** The gateway's view of the app's services: the REST send deps themselves (one single flight, one rate limiter). */
export function gatewayServicesOf(services: Services, shutdown?: AbortSignal): GatewayServices {
  const { data } = services.deps;
  return {
    send: services.send,
    rooms: services.rooms,
    reader: services.reading.reader,
    accounts: services.accounts.accounts,
    serviceTokens: data.serviceTokens,
    admin: data.admin,
    aliases: data.aliases,
    notifier: data.notifier,
    serverName: services.serverName,
    now: services.now,
    ...(shutdown ? { shutdown } : {}),
  };
}

/** Retry-After and the like, from the MatrixErrors of a response (tRPC sets only the status). */
function matrixHeaders(errors: readonly { cause?: unknown }[]): Record<string, string> {
  return Object.assign({}, ...errors.map((e) => (e.cause instanceof MatrixError ? e.cause.headers : {})));
}

/**
 * Errors Fastify raises before tRPC runs (a body over the limit, a broken Content-Length), in
 * the gateway's error shape rather than a REST body, so tRPC clients can read `data.errcode`.
 */
function gatewayFastifyError(err: FastifyError): MatrixError {
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return tooLarge('Request body too large');
  const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  return status < 500 ? new MatrixError('M_BAD_JSON', 'Bad request', { status }) : new MatrixError('M_UNKNOWN', 'Internal server error');
}

/**
 * Mounts the tRPC gateway at /_courier/trpc (SSE subscriptions on), in its own encapsulated
 * scope: the app reads every body as a raw Buffer for the strict JSON reader, but tRPC's adapter
 * takes `req.body` as text (it would JSON.stringify a Buffer), so this scope reads bodies as text.
 */
export async function registerTrpcGateway(app: FastifyInstance, services: Services): Promise<void> {
  // Subscriptions never end by themselves: end them when the server closes, or close() waits on them.
  const shutdown = new AbortController();
  app.addHook('preClose', (done) => {
    shutdown.abort();
    done();
  });
  const gateway = gatewayServicesOf(services, shutdown.signal);
  const logServerFault = createServerFaultLog();
  const trpcOptions: FastifyTRPCPluginOptions<AppRouter>['trpcOptions'] = {
    router: appRouter,
    createContext: (opts) => createContext(gateway, opts),
    responseMeta: ({ errors }) => ({ headers: matrixHeaders(errors) }),
    onError: ({ error, path, type }) => {
      if (isServerFault(error.cause)) logServerFault(app.log, error.cause, { path });
      else if (describeError(error, type).httpStatus >= 500) app.log.error({ err: error.cause ?? error, path }, 'gateway procedure failed');
    },
  };
  await app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    scoped.setErrorHandler((err: FastifyError, request, reply) => {
      const matrix = gatewayFastifyError(err);
      if (matrix.status >= 500) request.log.error({ err }, 'gateway request failed');
      const info = describeError(toTRPCError(matrix), request.method === 'GET' ? 'query' : 'mutation');
      return reply.code(info.httpStatus).headers(matrix.headers).send({ error: errorShapeOf(info, undefined) });
    });
    // The adapter builds a Fetch Request, which throws a TypeError (a 500) for the methods Fetch
    // forbids; answer those 405 first. Found by apps/server-e2e's HTTP fuzz test.
    scoped.addHook('onRequest', async (request, reply) => {
      if (!FETCH_FORBIDDEN_METHODS.has(request.method)) return;
      const info = describeError(toTRPCError(unrecognized('Unrecognized request: method not allowed', 405)), 'query');
      return reply.code(info.httpStatus).header('allow', 'GET, POST').send({ error: errorShapeOf(info, undefined) });
    });
    await scoped.register(fastifyTRPCPlugin, { prefix: TRPC_PREFIX, trpcOptions });
  });
}
