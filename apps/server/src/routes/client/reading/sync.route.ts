import type { FastifyInstance } from 'fastify';
import { sync } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/**
 * GET /sync (sync.yaml): initial and incremental sync with long-polling. The wait ends early
 * when the client goes away or the server starts closing, so a long-poll never holds up a
 * graceful shutdown.
 */
export const syncHandlers = (app: FastifyInstance) => {
  const waiting = new Set<AbortController>();
  app.addHook('preClose', (done) => {
    for (const c of waiting) c.abort();
    done();
  });
  return {
    sync: async ({ query, requester, ctx }) => {
      const gone = new AbortController();
      const onClose = () => gone.abort();
      waiting.add(gone);
      ctx.reply.raw.once('close', onClose);
      try {
        return specShaped(await sync(ctx.services.reading, viewerOf(requester), query, gone.signal));
      } finally {
        waiting.delete(gone);
        ctx.reply.raw.off('close', onClose);
      }
    },
  } satisfies MatrixHandlerGroup;
};
