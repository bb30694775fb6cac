import type { FastifyInstance } from 'fastify';
import { searchRoomEvents, stringParam, type QueryParams } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { viewerOf } from './viewer';

/** POST /search (search.yaml): room_events over the full-text index; `next_batch` pages on. */
export function searchRoute(app: FastifyInstance): void {
  app.post('/search', async (request) => {
    const requester = await app.services.authenticate(request);
    const nextBatch = stringParam(request.query as QueryParams, 'next_batch');
    return searchRoomEvents(app.services.reading, viewerOf(requester), jsonObjectBody(request), nextBatch);
  });
}
