import { postReceipt } from '@courier/server-feature-sync';
import type { MatrixHandlerGroup } from '../../matrix/handler-context';

/**
 * POST /rooms/{roomId}/receipt/{receiptType}/{eventId} (receipts.yaml): m.read,
 * m.read.private or m.fully_read, with an optional thread_id; rules in postReceipt.
 */
export const receiptHandlers = {
  postReceipt: async ({ params, body, requester, ctx }) => {
    const threadId = (body as Record<string, unknown> | undefined)?.['thread_id'];
    await postReceipt(ctx.services.receipts, requester.userId, { ...params, threadId });
    return {};
  },
} satisfies MatrixHandlerGroup;
