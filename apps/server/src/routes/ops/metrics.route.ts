import type { FastifyInstance } from 'fastify';

/**
 * GET /metrics: this instance's registry in Prometheus text format. Unauthenticated, as
 * Prometheus scrapes expect; README says to keep it off the public listener.
 */
export function metricsRoute(app: FastifyInstance): void {
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', app.metrics.registry.contentType);
    return app.metrics.registry.metrics();
  });
}
