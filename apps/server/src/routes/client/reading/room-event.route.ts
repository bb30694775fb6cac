import { getRoomEvent } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/** GET /rooms/{roomId}/event/{eventId} (room_event.yaml): 404 M_NOT_FOUND when unknown or not visible. */
export const roomEventHandlers = {
  getOneRoomEvent: async ({ params, requester, ctx }) =>
    specShaped(await getRoomEvent(ctx.services.reading, viewerOf(requester), params.roomId, params.eventId)),
} satisfies MatrixHandlerGroup;
