import { getEventContext } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/** GET /rooms/{roomId}/context/{eventId} (event_context.yaml): 404 M_NOT_FOUND when unknown or not visible. */
export const contextHandlers = {
  getEventContext: async ({ params, query, requester, ctx }) =>
    specShaped(await getEventContext(ctx.services.reading, viewerOf(requester), params.roomId, params.eventId, query)),
} satisfies MatrixHandlerGroup;
