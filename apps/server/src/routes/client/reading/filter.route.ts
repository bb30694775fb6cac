import type { FastifyInstance } from 'fastify';
import { createFilter, getFilter } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { pathParams } from '../path-params';
import { viewerOf } from './viewer';

/** POST /user/{userId}/filter and GET /user/{userId}/filter/{filterId} (filter.yaml): one's own filters only. */
export function filterRoute(app: FastifyInstance): void {
  app.post('/user/:userId/filter', async (request) => {
    const requester = await app.services.authenticate(request);
    const { userId } = pathParams(request.params, ['userId'] as const);
    return createFilter(app.services.reading, viewerOf(requester), userId, jsonObjectBody(request));
  });
  app.get('/user/:userId/filter/:filterId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { userId, filterId } = pathParams(request.params, ['userId', 'filterId'] as const);
    return getFilter(app.services.reading, viewerOf(requester), userId, filterId);
  });
}
