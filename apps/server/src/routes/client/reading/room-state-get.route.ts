import { getRoomState, getRoomStateEvent } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/**
 * GET /rooms/{roomId}/state and GET /rooms/{roomId}/state/{eventType}/{stateKey}
 * (room_state.yaml). An empty state key may be left out, with or without the trailing slash
 * (getRoomStateEmptyKey). PUT on the same paths lives with the room write handlers.
 */
export const roomStateGetHandlers = {
  getRoomState: async ({ params, requester, ctx }) => specShaped(await getRoomState(ctx.services.reading, viewerOf(requester), params.roomId)),
  getRoomStateWithKey: async ({ params, query, requester, ctx }) =>
    getRoomStateEvent(ctx.services.reading, viewerOf(requester), { ...params, query }),
  getRoomStateEmptyKey: async ({ params, query, requester, ctx }) =>
    getRoomStateEvent(ctx.services.reading, viewerOf(requester), { ...params, stateKey: '', query }),
} satisfies MatrixHandlerGroup;
