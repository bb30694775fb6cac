import type { FastifyInstance } from 'fastify';
import { getEventContext, type QueryParams } from '@courier/server-feature-sync';
import { pathParams } from '../path-params';
import { viewerOf } from './viewer';

/** GET /rooms/{roomId}/context/{eventId} (event_context.yaml): 404 M_NOT_FOUND when unknown or not visible. */
export function contextRoute(app: FastifyInstance): void {
  app.get('/rooms/:roomId/context/:eventId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId, eventId } = pathParams(request.params, ['roomId', 'eventId'] as const);
    return getEventContext(app.services.reading, viewerOf(requester), roomId, eventId, request.query as QueryParams);
  });
}
