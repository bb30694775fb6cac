import type { FastifyInstance } from 'fastify';
import type { AppMetrics } from './app-metrics';

export { createAppMetrics, type AppMetrics } from './app-metrics';

declare module 'fastify' {
  interface FastifyInstance {
    metrics: AppMetrics;
  }
}

// Anything else (a fuzzer's PROPFIND) is one label value, so labels stay bounded.
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/**
 * Counts and times every response. The route label is the route's pattern
 * (`/_matrix/client/v3/rooms/:roomId/send/:eventType/:txnId`), never the raw URL, so room
 * and transaction ids do not become label values; requests that match no route share
 * `unmatched`.
 */
export function registerMetrics(app: FastifyInstance, metrics: AppMetrics): void {
  app.decorate('metrics', metrics);
  app.addHook('onResponse', (request, reply, done) => {
    const method = KNOWN_METHODS.has(request.method) ? request.method : 'OTHER';
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ method, route, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ method, route }, reply.elapsedTime / 1000);
    done();
  });
}
