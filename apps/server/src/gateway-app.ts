import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { registerCors } from './plugins/cors.plugin';
import { registerMatrixErrorHandler } from './plugins/matrix-error-handler.plugin';
import { registerRawBody } from './plugins/raw-body.plugin';
import { registerTrpcGateway } from './plugins/trpc.plugin';

/**
 * The tRPC gateway alone, for the INTERNAL_PORT listener: operators bind it to a private
 * address and may keep it off the public port. It shares the public app's services, so a
 * send through either listener meets the same single flight and rate limiter. Never listens.
 */
export async function buildGatewayApp(publicApp: FastifyInstance): Promise<FastifyInstance> {
  const { deps } = publicApp.services;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.config.MAX_BODY_BYTES,
    return503OnClosing: false,
    requestIdHeader: 'x-request-id',
    // Every log line of a request carries its id under this label.
    logController: new LogController({ requestIdLogLabel: 'request_id' }),
    genReqId: () => crypto.randomUUID(),
  });
  registerMatrixErrorHandler(app);
  registerCors(app);
  registerRawBody(app);
  await registerTrpcGateway(app, publicApp.services);
  return app;
}
