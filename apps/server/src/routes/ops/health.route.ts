import type { FastifyInstance } from 'fastify';

/** GET /health: liveness. 200 while the process can answer at all; it checks nothing else. */
export function healthRoute(app: FastifyInstance): void {
  app.get('/health', async () => ({ status: 'ok' }));
}
