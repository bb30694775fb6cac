import type { FastifyInstance } from 'fastify';

/** How often, while closing, idle connections are looked for. */
const SWEEP_MS = 100;

/**
 * Lets app.close() finish as soon as the requests in flight have been answered. Node's
 * server.close() drops the connections idle at that moment, but a keep-alive connection whose
 * request was still running stays open after its answer, for keepAliveTimeout (72 s): far past
 * main.ts's 9 s shutdown deadline, so SIGTERM under load ended in a forced exit 1. So while
 * closing, answers carry `Connection: close` (the client will not reuse the socket), and idle
 * connections are closed every 100 ms. Found with apps/server-e2e's SIGTERM test.
 */
export function registerGracefulClose(app: FastifyInstance): void {
  let closing = false;
  let sweep: NodeJS.Timeout | undefined;
  const stop = () => clearInterval(sweep);
  app.addHook('preClose', (done) => {
    closing = true;
    sweep = setInterval(() => app.server.closeIdleConnections(), SWEEP_MS);
    sweep.unref();
    app.server.once('close', stop);
    done();
  });
  app.addHook('onClose', (_instance, done) => {
    stop();
    done();
  });
  app.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) reply.header('connection', 'close');
    done(null, payload);
  });
}
