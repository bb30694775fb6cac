import type { FastifyInstance } from 'fastify';
import { notFound } from '@courier/shared-matrix-errors';
import { capabilities } from '@courier/server-feature-accounts';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';

/** GET /capabilities (capabilities.yaml): authenticated, like every capability query. */
export const capabilitiesHandlers = {
  getCapabilities: async () => specShaped(capabilities()),
} satisfies MatrixHandlerGroup;

/**
 * GET /.well-known/matrix/client (wellknown.yaml): Courier has no discovery document to give,
 * and 404 M_NOT_FOUND is the spec's answer for that; clients then use the URL they were given.
 * Outside /_matrix, so registered by hand.
 */
export function wellKnownRoute(app: FastifyInstance): void {
  app.get('/.well-known/matrix/client', async () => {
    throw notFound('No client discovery information is configured');
  });
}
