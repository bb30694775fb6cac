import Fastify, { type FastifyInstance } from 'fastify';
import { registerEdgePlugins, serverOptions } from './app';
import { registerTrpcGateway } from './plugins/trpc.plugin';

/**
 * The tRPC gateway alone, for the INTERNAL_PORT listener: operators bind it to a private
 * address and may keep it off the public port. It shares the public app's services, so a
 * send through either listener meets the same single flight and rate limiter, and the same
 * limits, timeouts and edge answers. Never listens.
 */
export async function buildGatewayApp(publicApp: FastifyInstance): Promise<FastifyInstance> {
  const app = Fastify(serverOptions(publicApp.services.deps));
  registerEdgePlugins(app);
  await registerTrpcGateway(app, publicApp.services);
  return app;
}
