import type { FastifyInstance } from 'fastify';
import { invalidParam } from '@courier/shared-matrix-errors';
import { sendMessage } from '@courier/server-feature-send-message';
import { jsonObjectBody } from '../../plugins/raw-body.plugin';
import { pathParams } from './path-params';

/**
 * PUT /rooms/{roomId}/redact/{eventId}/{txnId} (redaction.yaml): an m.room.redaction through
 * the send use case, so the txn rules are the send endpoint's; the txn scope is this endpoint
 * ("/redact"), distinct from /send/m.room.redaction with the same txnId.
 */
export function roomsRedactRoute(app: FastifyInstance): void {
  app.put('/rooms/:roomId/redact/:eventId/:txnId', { bodyLimit: 65_536 }, async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId, eventId, txnId } = pathParams(request.params, ['roomId', 'eventId', 'txnId'] as const);
    const body = jsonObjectBody(request, { allowEmpty: true });
    const reason = body['reason'];
    if (reason !== undefined && typeof reason !== 'string') throw invalidParam('reason must be a string');
    const content = { ...(reason !== undefined ? { reason } : {}), redacts: eventId };
    const result = await sendMessage(app.services.send, {
      sender: requester,
      roomId,
      eventType: 'm.room.redaction',
      txnId,
      txnEndpoint: '/redact',
      body: { value: content },
    });
    return { event_id: result.eventId };
  });
}
