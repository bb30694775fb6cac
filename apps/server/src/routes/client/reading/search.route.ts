import { searchRoomEvents, stringParam } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/** POST /search (search.yaml): room_events over the full-text index; `next_batch` pages on. */
export const searchHandlers = {
  search: async ({ query, body, requester, ctx }) =>
    specShaped(
      await searchRoomEvents(ctx.services.reading, viewerOf(requester), body as Record<string, unknown>, stringParam(query, 'next_batch')),
    ),
} satisfies MatrixHandlerGroup;
