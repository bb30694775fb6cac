import type { FastifyInstance } from 'fastify';
import { sendMessage, MAX_PDU_BYTES } from '@courier/server-feature-send-message';
import { rawBody } from '../../plugins/raw-body.plugin';
import { pathParams } from './path-params';

/**
 * PUT /rooms/{roomId}/send/{eventType}/{txnId} (room_send.yaml; every rule in SEND_CONTRACT.md
 * lives in the sendMessage use case). A body over 64 KiB can never fit in a 64 KiB PDU, so it
 * is refused before it is read.
 */
export function roomsSendRoute(app: FastifyInstance): void {
  app.put('/rooms/:roomId/send/:eventType/:txnId', { bodyLimit: MAX_PDU_BYTES }, async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId, eventType, txnId } = pathParams(request.params, ['roomId', 'eventType', 'txnId'] as const);
    const { eventId } = await sendMessage(app.services.send, {
      sender: requester,
      roomId,
      eventType,
      txnId,
      body: { raw: rawBody(request) },
    });
    return { event_id: eventId };
  });
}
