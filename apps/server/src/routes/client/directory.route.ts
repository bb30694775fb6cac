import {
  deleteRoomAlias,
  listPublicRooms,
  localAliases,
  resolveRoomAlias,
  roomDirectoryVisibility,
  setRoomAlias,
  setRoomDirectoryVisibility,
} from '@courier/server-feature-rooms';
import { notFound } from '@courier/shared-matrix-errors';
import type { MatrixHandlerGroup, RouteCtx } from '../matrix/handler-context';

/** Only this server's list is served: another `server` is 404 (Courier does not federate). */
function checkServer(ctx: RouteCtx, server: unknown): void {
  if (server !== undefined && server !== ctx.services.serverName) throw notFound('Courier lists only its own rooms');
}

/**
 * Room aliases (directory.yaml) and the public room list (list_public_rooms.yaml); the rules
 * (who may add or delete an alias, who may publish a room) are in feature-rooms' directory.
 */
export const directoryHandlers = {
  setRoomAlias: async ({ params, body, requester, ctx }) => {
    await setRoomAlias(ctx.services.directory, requester, params.roomAlias, body.room_id);
    return {};
  },
  getRoomIdByAlias: async ({ params, ctx }) => {
    const { roomId, servers } = await resolveRoomAlias(ctx.services.directory, params.roomAlias);
    return { room_id: roomId, servers };
  },
  deleteRoomAlias: async ({ params, requester, ctx }) => {
    await deleteRoomAlias(ctx.services.directory, requester, params.roomAlias);
    return {};
  },
  getLocalAliases: async ({ params, requester, ctx }) => ({ aliases: await localAliases(ctx.services.directory, requester, params.roomId) }),
  getRoomVisibilityOnDirectory: async ({ params, ctx }) => ({ visibility: await roomDirectoryVisibility(ctx.services.directory, params.roomId) }),
  setRoomVisibilityOnDirectory: async ({ params, body, requester, ctx }) => {
    await setRoomDirectoryVisibility(ctx.services.directory, requester, params.roomId, body.visibility);
    return {};
  },
  getPublicRooms: async ({ query, ctx }) => {
    checkServer(ctx, query.server);
    return listPublicRooms(ctx.services.directory, { limit: query.limit, since: query.since });
  },
  queryPublicRooms: async ({ query, body, ctx }) => {
    checkServer(ctx, query.server);
    return listPublicRooms(ctx.services.directory, { limit: body.limit, since: body.since, searchTerm: body.filter?.generic_search_term });
  },
} satisfies MatrixHandlerGroup;
