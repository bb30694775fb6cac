import type { FastifyInstance } from 'fastify';

/**
 * CORS as the Client-Server API asks (every response, errors included, so browser clients
 * work) and preflight without auth. No credentials are ever allowed: Matrix sends tokens in a
 * header, and this keeps cookies out of the admin and gateway paths too.
 */
export function registerCors(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS');
    reply.header('access-control-allow-headers', 'X-Requested-With, Content-Type, Authorization, Date');
    reply.header('access-control-expose-headers', 'Retry-After');
    if (request.method === 'OPTIONS') {
      reply.code(204).send();
      return;
    }
    done();
  });
}
