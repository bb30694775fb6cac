import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { ERROR_SCHEMA, ROUTES, type RouteOperationId, type RouteSpec } from '@courier/server-api-routes';
import type { Requester } from '@courier/server-domain';
import { edgeFor, responseValidator } from './edge-validation';
import type { MatrixHandlers, RouteCtx } from './handler-context';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The spec operation a route serves (routes from the generated table only). */
    operationId?: RouteOperationId;
  }
}

/** Per-operation Fastify options the spec does not express (body limits). */
export type RouteOptions = Partial<Record<RouteOperationId, Pick<RouteShorthandOptions, 'bodyLimit'>>>;

type AnyHandler = (input: {
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: Record<string, unknown> | undefined;
  requester: Requester | undefined;
  ctx: RouteCtx;
}) => Promise<unknown>;

/** The path parameter names a Fastify path declares. */
const declaredParams = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] ?? '');

/**
 * Registers every Matrix route from the generated table (libs/server/api-routes): each
 * operationId at each of its paths, one handler each. Per request: the access token first
 * (when the operation requires one), then path parameters, query and body against the spec's
 * schemas, then the handler; what it returns is the 200 body.
 */
export function registerMatrixRoutes(app: FastifyInstance, handlers: MatrixHandlers, options: RouteOptions = {}): void {
  for (const id of Object.keys(ROUTES) as RouteOperationId[]) {
    const spec: RouteSpec = ROUTES[id];
    const handler = handlers[id] as unknown as AnyHandler;
    const edge = edgeFor(spec);
    for (const url of spec.paths) {
      const declared = declaredParams(url);
      app.route({
        method: spec.method,
        url,
        ...options[id],
        config: { operationId: id },
        handler: async (request, reply) => {
          const requester = spec.auth === 'required' ? await app.services.authenticate(request) : undefined;
          const params = edge.params(request.params, declared);
          const query = edge.query(request.query);
          const body = edge.body(request);
          return handler({ params, query, body, requester, ctx: { request, reply, services: app.services } });
        },
      });
    }
  }
}

/**
 * For tests (AppDeps.validateResponses): every answer of a table route is checked against its
 * operation's schema for that status (an undeclared error status against the standard error
 * schema). A mismatch is recorded on `app.responseMismatches` and answered as a 500, so the
 * test that caused it fails. Nothing is stripped: the check only reads.
 */
export function registerResponseValidation(app: FastifyInstance): string[] {
  const mismatches: string[] = [];
  app.addHook('onSend', async (request, reply, payload) => {
    const id = request.routeOptions.config.operationId;
    if (!id || typeof payload !== 'string') return payload;
    const status = reply.statusCode;
    const declared = ROUTES[id].responses[String(status)];
    const schema = declared === undefined ? (status >= 400 ? ERROR_SCHEMA : undefined) : declared;
    let problem: string | undefined;
    if (schema === undefined) problem = `status ${status} is not in the spec`;
    else if (schema !== null) {
      let body: unknown;
      try {
        body = JSON.parse(payload);
      } catch {
        problem = 'body is not JSON';
      }
      const check = responseValidator(schema);
      if (problem === undefined && !check(body)) {
        problem = (check.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).join('; ');
      }
    }
    if (problem === undefined) return payload;
    const message = `${id} ${request.method} ${request.url} → ${status}: response does not match spec (${problem})`;
    mismatches.push(message);
    request.log.error({ operationId: id }, message);
    reply.code(500);
    return JSON.stringify({ errcode: 'M_UNKNOWN', error: message });
  });
  return mismatches;
}
