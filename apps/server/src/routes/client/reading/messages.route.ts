import { paginateMessages } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/** GET /rooms/{roomId}/messages (message_pagination.yaml): stream-position tokens, dir b|f, filter. */
export const messagesHandlers = {
  getRoomEvents: async ({ params, query, requester, ctx }) =>
    specShaped(await paginateMessages(ctx.services.reading, viewerOf(requester), params.roomId, query)),
} satisfies MatrixHandlerGroup;
