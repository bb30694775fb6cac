import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getRoomState, getRoomStateEvent, type QueryParams } from '@courier/server-feature-sync';
import { pathParams } from '../path-params';
import { viewerOf } from './viewer';

/**
 * GET /rooms/{roomId}/state and GET /rooms/{roomId}/state/{eventType}/{stateKey}
 * (room_state.yaml). An empty state key may be written with or without the trailing slash.
 * GET only: PUT on the same paths lives with the room write routes.
 */
export function roomStateGetRoute(app: FastifyInstance): void {
  app.get('/rooms/:roomId/state', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId } = pathParams(request.params, ['roomId'] as const);
    return getRoomState(app.services.reading, viewerOf(requester), roomId);
  });

  const one = async (request: FastifyRequest) => {
    const requester = await app.services.authenticate(request);
    const { roomId, eventType } = pathParams(request.params, ['roomId', 'eventType'] as const);
    const stateKey = (request.params as { stateKey?: string }).stateKey ?? '';
    return getRoomStateEvent(app.services.reading, viewerOf(requester), { roomId, eventType, stateKey, query: request.query as QueryParams });
  };
  app.get('/rooms/:roomId/state/:eventType', one);
  app.get('/rooms/:roomId/state/:eventType/', one);
  app.get('/rooms/:roomId/state/:eventType/:stateKey', one);
}
