import { createRoom } from '@courier/server-feature-rooms';
import type { MatrixHandlerGroup } from '../matrix/handler-context';

/** POST /createRoom (create_room.yaml): presets, initial state, invites, room_alias_name; rules in createRoom. */
export const roomsCreateHandlers = {
  createRoom: async ({ body, requester, ctx }) => {
    const profile = await ctx.services.profiles.profiles.getProfile(requester.userId);
    const { roomId } = await createRoom(ctx.services.rooms, requester.userId, body, { aliases: ctx.services.directory.aliases, profile });
    return { room_id: roomId };
  },
} satisfies MatrixHandlerGroup;
