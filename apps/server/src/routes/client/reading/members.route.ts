import type { FastifyInstance } from 'fastify';
import { getJoinedMembers, getJoinedRooms, getMembers, type QueryParams } from '@courier/server-feature-sync';
import { pathParams } from '../path-params';
import { viewerOf } from './viewer';

/**
 * GET /rooms/{roomId}/members, GET /rooms/{roomId}/joined_members (rooms.yaml) and
 * GET /joined_rooms (list_joined_rooms.yaml).
 */
export function membersRoute(app: FastifyInstance): void {
  app.get('/rooms/:roomId/members', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId } = pathParams(request.params, ['roomId'] as const);
    return getMembers(app.services.reading, viewerOf(requester), roomId, request.query as QueryParams);
  });
  app.get('/rooms/:roomId/joined_members', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId } = pathParams(request.params, ['roomId'] as const);
    return getJoinedMembers(app.services.reading, viewerOf(requester), roomId);
  });
  app.get('/joined_rooms', async (request) => getJoinedRooms(app.services.reading, viewerOf(await app.services.authenticate(request))));
}
