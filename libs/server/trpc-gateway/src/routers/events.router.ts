import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import type { SendMessageRequest } from '@courier/shared-api-types';
import { notFound } from '@courier/shared-matrix-errors';
import { requireActiveLocalUser } from '@courier/server-domain';
import { sendMessage } from '@courier/server-feature-send-message';
import { scopedProcedure } from '../trpc';
import { eventIdInput, jsonObjectInput, roomIdInput, userIdInput } from '../lib/inputs';
import { openNewEventsStream } from '../lib/new-events';
import { txnScopeOf } from '../lib/principal';
import { toGatewayEvent } from '../lib/views';

export const eventsRouter = {
  /**
   * events.send: a service sends as a local user joined to the room, like an application
   * service. The REST endpoint's use case, so the same validation (canonical JSON, limits,
   * relations), membership and power levels, rate limit and exactly-once rule; the txn scope is
   * (service token, sender, room, type, txnId), so a retry with the same txnId is one event.
   * The sender check runs before the txn lookup: a retry after the sender was deactivated is
   * refused (403) rather than answered with the original event.
   */
  send: scopedProcedure('events:send')
    .input(
      z.object({
        roomId: roomIdInput,
        type: z.string().min(1),
        content: jsonObjectInput,
        txnId: z.string().min(1).max(255),
        senderUserId: userIdInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await requireActiveLocalUser(ctx.services.accounts, ctx.services.serverName, input.senderUserId);
      const txnDeviceId = txnScopeOf(ctx.principal);
      return sendMessage(ctx.services.send, {
        sender: { userId: input.senderUserId, deviceId: txnDeviceId },
        txnDeviceId,
        roomId: input.roomId,
        eventType: input.type,
        txnId: input.txnId,
        // The content is PUT /send's body as spec/ types it (one contract for both doors).
        body: { value: input.content satisfies SendMessageRequest },
      });
    }),

  /** events.get: the stored PDU with its event_id, plus what relates to it (the admin inspector). */
  get: scopedProcedure('events:read')
    .input(z.object({ eventId: eventIdInput }))
    .query(async ({ ctx, input }) => {
      const event = await ctx.services.reader.getEvent(input.eventId);
      if (!event) throw notFound('Event not found');
      const related = await ctx.services.admin.relationsOf(event.eventId, 100);
      return { ...toGatewayEvent(event), pdu: { ...event.pdu, event_id: event.eventId }, ...related };
    }),

  /**
   * events.onNew: newly committed events over SSE, in stream order, optionally of one room.
   * Each is tracked by its event ID: on reconnect the client sends it back as lastEventId and
   * the stream resumes right after it, without gaps.
   */
  onNew: scopedProcedure('events:read')
    .input(z.object({ roomId: roomIdInput.optional(), lastEventId: eventIdInput.nullish() }).prefault({}))
    .subscription(({ ctx, input, signal }) =>
      openNewEventsStream(ctx.services, { roomId: input.roomId, lastEventId: input.lastEventId ?? undefined }, signal),
    ),
} satisfies TRPCRouterRecord;
