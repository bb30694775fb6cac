import { deactivateAccount } from '@courier/server-feature-accounts';
import { leaveRooms } from '@courier/server-feature-rooms';
import type { MatrixHandlerGroup, RouteCtx } from '../../matrix/handler-context';

/** The room side's leave path, for every room the user is joined to, invited to or knocking on. */
const leaveEveryRoom = (ctx: RouteCtx) => async (userId: string) => {
  const rooms = await ctx.services.reading.reader.roomsOfUser(userId);
  const inRoom = rooms.filter((m) => m.membership === 'join' || m.membership === 'invite' || m.membership === 'knock');
  await leaveRooms(ctx.services.rooms, userId, inRoom.map((m) => m.roomId));
};

/**
 * POST /account/deactivate (registration.yaml), UIA m.login.password. The account side
 * (feature-accounts) is handed the room side's leave path.
 */
export const deactivateHandlers = {
  deactivateAccount: async ({ body, requester, ctx }) =>
    deactivateAccount(ctx.services.accounts, requester, body, ctx.request.ip, leaveEveryRoom(ctx)),
} satisfies MatrixHandlerGroup;
