import type { FastifyInstance } from 'fastify';
import { sync, type QueryParams } from '@courier/server-feature-sync';
import { viewerOf } from './viewer';

/**
 * GET /sync (sync.yaml): initial and incremental sync with long-polling. The wait ends early
 * when the client goes away or the server starts closing, so a long-poll never holds up a
 * graceful shutdown.
 */
export function syncRoute(app: FastifyInstance): void {
  const waiting = new Set<AbortController>();
  app.addHook('preClose', (done) => {
    for (const c of waiting) c.abort();
    done();
  });
  app.get('/sync', async (request, reply) => {
    const requester = await app.services.authenticate(request);
    const gone = new AbortController();
    const onClose = () => gone.abort();
    waiting.add(gone);
    reply.raw.once('close', onClose);
    try {
      return await sync(app.services.reading, viewerOf(requester), request.query as QueryParams, gone.signal);
    } finally {
      waiting.delete(gone);
      reply.raw.off('close', onClose);
    }
  });
}
