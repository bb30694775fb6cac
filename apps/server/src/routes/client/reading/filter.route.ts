import { createFilter, getFilter } from '@courier/server-feature-sync';
import { specShaped, type MatrixHandlerGroup } from '../../matrix/handler-context';
import { viewerOf } from './viewer';

/** POST /user/{userId}/filter and GET /user/{userId}/filter/{filterId} (filter.yaml): one's own filters only. */
export const filterHandlers = {
  defineFilter: async ({ params, body, requester, ctx }) =>
    specShaped(await createFilter(ctx.services.reading, viewerOf(requester), params.userId, body)),
  getFilter: async ({ params, requester, ctx }) => getFilter(ctx.services.reading, viewerOf(requester), params.userId, params.filterId),
} satisfies MatrixHandlerGroup;
