import type { FastifyInstance } from 'fastify';
import { MatrixError } from '@courier/shared-matrix-errors';
import { sendMatrixError } from '../../plugins/matrix-error-handler.plugin';
import { createDatabaseReadiness } from './database-readiness';

/**
 * GET /ready: readiness. 200 `{status:"ready"}` when the database answers and no migration
 * is pending; else 503 M_UNKNOWN naming the reason, so a load balancer routes around this
 * instance until it recovers (the process itself stays up: that is /health).
 */
export function readyRoute(app: FastifyInstance): void {
  const problem = createDatabaseReadiness(app.services.deps.data.db);
  app.get('/ready', async (request, reply) => {
    const reason = await problem();
    if (reason === undefined) return { status: 'ready' };
    request.log.warn({ reason }, 'not ready');
    return sendMatrixError(reply, new MatrixError('M_UNKNOWN', reason, { status: 503 }));
  });
}
