import type { FastifyInstance } from 'fastify';
import { setReadMarkers } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { pathParams } from '../path-params';

/** POST /rooms/{roomId}/read_markers (read_markers.yaml, setReadMarker); rules in setReadMarkers. */
export function readMarkersRoute(app: FastifyInstance): void {
  app.post('/rooms/:roomId/read_markers', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId } = pathParams(request.params, ['roomId'] as const);
    await setReadMarkers(app.services.receipts, requester.userId, roomId, jsonObjectBody(request));
    return {};
  });
}
