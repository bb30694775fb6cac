import { setReadMarkers } from '@courier/server-feature-sync';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/** POST /rooms/{roomId}/read_markers (read_markers.yaml); rules in setReadMarkers. */
export const readMarkersHandlers = {
  setReadMarker: async ({ params, body, requester, ctx }) => {
    await setReadMarkers(ctx.services.receipts, requester.userId, params.roomId, (body ?? {}) as Record<string, unknown>);
    return {};
  },
} satisfies MatrixHandlerGroup;
