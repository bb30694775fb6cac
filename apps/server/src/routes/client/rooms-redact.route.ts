import { invalidParam } from '@courier/shared-matrix-errors';
import { sendMessage } from '@courier/server-feature-send-message';
import { jsonObjectBody } from '../../plugins/raw-body.plugin';
import type { MatrixHandlerGroup } from '../matrix/handler-context';

/**
 * PUT /rooms/{roomId}/redact/{eventId}/{txnId} (redaction.yaml): an m.room.redaction through
 * the send use case, so the txn rules are the send endpoint's; the txn scope is this endpoint
 * ("/redact"), distinct from /send/m.room.redaction with the same txnId.
 */
export const roomsRedactHandlers = {
  redactEvent: async ({ params, requester, ctx }) => {
    const body = jsonObjectBody(ctx.request, { allowEmpty: true });
    const reason = body['reason'];
    if (reason !== undefined && typeof reason !== 'string') throw invalidParam('reason must be a string');
    const content = { ...(reason !== undefined ? { reason } : {}), redacts: params.eventId };
    const result = await sendMessage(ctx.services.send, {
      sender: requester,
      roomId: params.roomId,
      eventType: 'm.room.redaction',
      txnId: params.txnId,
      txnEndpoint: '/redact',
      body: { value: content },
    });
    return { event_id: result.eventId };
  },
} satisfies MatrixHandlerGroup;
