import { getRelations, getThreads } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/**
 * GET /_matrix/client/v1/rooms/{roomId}/relations/{eventId}[/{relType}[/{eventType}]]
 * (relations.yaml) and GET /_matrix/client/v1/rooms/{roomId}/threads (threads_list.yaml).
 */
export const relationsHandlers = {
  getRelatingEvents: async ({ params, query, requester, ctx }) =>
    specShaped(await getRelations(ctx.services.reading, viewerOf(requester), { ...params, query })),
  getRelatingEventsWithRelType: async ({ params, query, requester, ctx }) =>
    specShaped(await getRelations(ctx.services.reading, viewerOf(requester), { ...params, query })),
  getRelatingEventsWithRelTypeAndEventType: async ({ params, query, requester, ctx }) =>
    specShaped(await getRelations(ctx.services.reading, viewerOf(requester), { ...params, query })),
  getThreadRoots: async ({ params, query, requester, ctx }) =>
    specShaped(await getThreads(ctx.services.reading, viewerOf(requester), params.roomId, query)),
} satisfies MatrixHandlerGroup;
