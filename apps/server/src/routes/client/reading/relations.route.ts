import type { FastifyInstance, FastifyRequest } from 'fastify';
import { getRelations, getThreads, type QueryParams } from '@courier/server-feature-sync';
import { pathParams } from '../path-params';
import { viewerOf } from './viewer';

/** GET /rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]] (relations.yaml, under /_matrix/client/v1). */
export function relationsRoute(app: FastifyInstance): void {
  const handler = async (request: FastifyRequest) => {
    const requester = await app.services.authenticate(request);
    const { roomId, eventId } = pathParams(request.params, ['roomId', 'eventId'] as const);
    const given = request.params as { relType?: string; eventType?: string };
    // Checked like the other segments: a NUL in a filter would reach the database.
    const { relType, eventType } = pathParams(request.params, (['relType', 'eventType'] as const).filter((k) => given[k] !== undefined)) as {
      relType?: string;
      eventType?: string;
    };
    return getRelations(app.services.reading, viewerOf(requester), {
      roomId,
      eventId,
      ...(relType !== undefined ? { relType } : {}),
      ...(eventType !== undefined ? { eventType } : {}),
      query: request.query as QueryParams,
    });
  };
  app.get('/rooms/:roomId/relations/:eventId', handler);
  app.get('/rooms/:roomId/relations/:eventId/:relType', handler);
  app.get('/rooms/:roomId/relations/:eventId/:relType/:eventType', handler);
}

/** GET /rooms/{roomId}/threads (threads_list.yaml, under /_matrix/client/v1). */
export function threadsRoute(app: FastifyInstance): void {
  app.get('/rooms/:roomId/threads', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId } = pathParams(request.params, ['roomId'] as const);
    return getThreads(app.services.reading, viewerOf(requester), roomId, request.query as QueryParams);
  });
}
