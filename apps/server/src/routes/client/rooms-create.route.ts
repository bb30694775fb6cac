import { createRoom } from '@courier/server-feature-rooms';
import type { MatrixHandlerGroup } from '../matrix/handler-context';

/** POST /createRoom (create_room.yaml): presets, initial state, invites; rules in createRoom. */
export const roomsCreateHandlers = {
  createRoom: async ({ body, requester, ctx }) => {
    const { roomId } = await createRoom(ctx.services.rooms, requester.userId, body);
    return { room_id: roomId };
  },
} satisfies MatrixHandlerGroup;
