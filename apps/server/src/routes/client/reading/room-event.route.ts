import type { FastifyInstance } from 'fastify';
import { getRoomEvent } from '@courier/server-feature-sync';
import { pathParams } from '../path-params';
import { viewerOf } from './viewer';

/** GET /rooms/{roomId}/event/{eventId} (room_event.yaml): 404 M_NOT_FOUND when unknown or not visible. */
export function roomEventRoute(app: FastifyInstance): void {
  app.get('/rooms/:roomId/event/:eventId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId, eventId } = pathParams(request.params, ['roomId', 'eventId'] as const);
    return getRoomEvent(app.services.reading, viewerOf(requester), roomId, eventId);
  });
}
