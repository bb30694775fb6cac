import type { FastifyInstance } from 'fastify';
import { healthRoute } from './health.route';
import { metricsRoute } from './metrics.route';
import { readyRoute } from './ready.route';

/** Operator endpoints at the root: /health (liveness), /ready (readiness), /metrics. */
export async function registerOpsRoutes(app: FastifyInstance): Promise<void> {
  healthRoute(app);
  readyRoute(app);
  metricsRoute(app);
}
