import { getJoinedMembers, getJoinedRooms, getMembers } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/**
 * GET /rooms/{roomId}/members, GET /rooms/{roomId}/joined_members (room_members.yaml) and
 * GET /joined_rooms (joined_rooms.yaml).
 */
export const membersHandlers = {
  getMembersByRoom: async ({ params, query, requester, ctx }) => getMembers(ctx.services.reading, viewerOf(requester), params.roomId, query),
  getJoinedMembersByRoom: async ({ params, requester, ctx }) => getJoinedMembers(ctx.services.reading, viewerOf(requester), params.roomId),
  getJoinedRooms: async ({ requester, ctx }) => specShaped(await getJoinedRooms(ctx.services.reading, viewerOf(requester))),
} satisfies MatrixHandlerGroup;
