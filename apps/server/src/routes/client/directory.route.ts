import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  deleteRoomAlias,
  listPublicRooms,
  localAliases,
  resolveRoomAlias,
  roomDirectoryVisibility,
  setRoomAlias,
  setRoomDirectoryVisibility,
} from '@courier/server-feature-rooms';
import { invalidParam, notFound } from '@courier/shared-matrix-errors';
import { jsonObjectBody } from '../../plugins/raw-body.plugin';
import { pathParams } from './path-params';

const aliasOf = (request: FastifyRequest) => pathParams(request.params, ['roomAlias'] as const).roomAlias;
const roomOf = (request: FastifyRequest) => pathParams(request.params, ['roomId'] as const).roomId;

/** PUT /directory/room/{roomAlias} (directory.yaml setRoomAlias). */
function putAlias(app: FastifyInstance): void {
  app.put('/directory/room/:roomAlias', async (request) => {
    const requester = await app.services.authenticate(request);
    const roomId = jsonObjectBody(request)['room_id'];
    if (typeof roomId !== 'string') throw invalidParam('room_id must be a string');
    await setRoomAlias(app.services.directory, requester, aliasOf(request), roomId);
    return {};
  });
}

/** GET /directory/room/{roomAlias} (getRoomIdByAlias): no token needed. */
function getAlias(app: FastifyInstance): void {
  app.get('/directory/room/:roomAlias', async (request) => {
    const { roomId, servers } = await resolveRoomAlias(app.services.directory, aliasOf(request));
    return { room_id: roomId, servers };
  });
}

/** DELETE /directory/room/{roomAlias} (deleteRoomAlias): creator, admin, or canonical-alias sender. */
function deleteAlias(app: FastifyInstance): void {
  app.delete('/directory/room/:roomAlias', async (request) => {
    const requester = await app.services.authenticate(request);
    await deleteRoomAlias(app.services.directory, requester, aliasOf(request));
    return {};
  });
}

/** GET /rooms/{roomId}/aliases (getLocalAliases). */
function roomAliases(app: FastifyInstance): void {
  app.get('/rooms/:roomId/aliases', async (request) => {
    const requester = await app.services.authenticate(request);
    return { aliases: await localAliases(app.services.directory, requester, roomOf(request)) };
  });
}

/** GET and PUT /directory/list/room/{roomId} (list_public_rooms.yaml). */
function roomVisibility(app: FastifyInstance): void {
  app.get('/directory/list/room/:roomId', async (request) => ({ visibility: await roomDirectoryVisibility(app.services.directory, roomOf(request)) }));
  app.put('/directory/list/room/:roomId', async (request) => {
    const requester = await app.services.authenticate(request);
    await setRoomDirectoryVisibility(app.services.directory, requester, roomOf(request), jsonObjectBody(request)['visibility']);
    return {};
  });
}

/** Only this server's list is served: another `server` is 404 (Courier does not federate). */
function checkServer(app: FastifyInstance, server: unknown): void {
  if (server !== undefined && server !== app.services.serverName) throw notFound('Courier lists only its own rooms');
}

/** GET /publicRooms (getPublicRooms, no token needed) and POST /publicRooms (queryPublicRooms). */
function publicRooms(app: FastifyInstance): void {
  app.get('/publicRooms', async (request) => {
    const q = (request.query ?? {}) as Record<string, unknown>;
    checkServer(app, q['server']);
    return listPublicRooms(app.services.directory, { limit: q['limit'], since: q['since'] });
  });
  app.post('/publicRooms', async (request) => {
    await app.services.authenticate(request);
    checkServer(app, ((request.query ?? {}) as Record<string, unknown>)['server']);
    const body = jsonObjectBody(request, { allowEmpty: true });
    const filter = body['filter'];
    const searchTerm = filter && typeof filter === 'object' ? (filter as Record<string, unknown>)['generic_search_term'] : undefined;
    return listPublicRooms(app.services.directory, { limit: body['limit'], since: body['since'], searchTerm });
  });
}

export const directoryRoutes = [putAlias, getAlias, deleteAlias, roomAliases, roomVisibility, publicRooms];
