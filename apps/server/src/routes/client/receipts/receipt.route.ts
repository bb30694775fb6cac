import type { FastifyInstance } from 'fastify';
import { postReceipt } from '@courier/server-feature-sync';
import { jsonObjectBody } from '../../../plugins/raw-body.plugin';
import { pathParams } from '../path-params';

/**
 * POST /rooms/{roomId}/receipt/{receiptType}/{eventId} (receipts.yaml, postReceipt): m.read,
 * m.read.private or m.fully_read, with an optional thread_id; rules in postReceipt.
 */
export function receiptRoute(app: FastifyInstance): void {
  app.post('/rooms/:roomId/receipt/:receiptType/:eventId', async (request) => {
    const requester = await app.services.authenticate(request);
    const { roomId, receiptType, eventId } = pathParams(request.params, ['roomId', 'receiptType', 'eventId'] as const);
    const body = jsonObjectBody(request, { allowEmpty: true });
    await postReceipt(app.services.receipts, requester.userId, { roomId, receiptType, eventId, threadId: body['thread_id'] });
    return {};
  });
}
