import type { FastifyInstance } from 'fastify';
import { paginateMessages, type QueryParams } from '@courier/server-feature-sync';
import { pathParams } from '../path-params';
import { viewerOf } from './viewer';

/** GET /rooms/{roomId}/messages (message_pagination.yaml): stream-position tokens, dir b|f, filter. */
export function messagesRoute(app: FastifyInstance): void {
  app.get('/rooms/:roomId/messages', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId } = pathParams(request.params, ['roomId'] as const);
    return paginateMessages(app.services.reading, viewerOf(requester), roomId, request.query as QueryParams);
  });
}
