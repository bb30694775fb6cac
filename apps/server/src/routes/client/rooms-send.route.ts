import { sendMessage } from '@courier/server-feature-send-message';
import { rawBody } from '../../plugins/raw-body.plugin';
import type { MatrixHandlerGroup } from '../matrix/handler-context';

/**
 * PUT /rooms/{roomId}/send/{eventType}/{txnId} (room_send.yaml; every rule in SEND_CONTRACT.md
 * lives in the sendMessage use case). The body is raw bytes (x-courier-raw-body): the use case
 * reads it as canonical JSON. A body over 64 KiB is refused before it is read (ROUTE_OPTIONS).
 */
export const roomsSendHandlers = {
  sendMessage: async ({ params, requester, ctx }) => {
    const { eventId } = await sendMessage(ctx.services.send, {
      sender: requester,
      roomId: params.roomId,
      eventType: params.eventType,
      txnId: params.txnId,
      body: { raw: rawBody(ctx.request) },
    });
    return { event_id: eventId };
  },
} satisfies MatrixHandlerGroup;
