import type { JsonObject, Receipt } from '@courier/server-domain';
import { matchesEventFilter, roomAllowed } from '../filter/match-filter';
import type { SyncContext } from '../sync/sync-context';

export interface ReceiptSection {
  /** One m.receipt ephemeral event per room with receipts to tell. */
  byRoom: Map<string, JsonObject>;
  /** The receipts position the next token carries. */
  next: number;
}

/**
 * The m.receipt ephemeral events of one /sync (receipts module): the receipts that changed
 * after `since` (all of them on an initial sync) in the user's joined rooms, everyone's public
 * ones and the user's own private ones, batched per room as
 * `{event_id: {receipt_type: {user_id: {ts, thread_id?}}}}`.
 */
export async function receiptSection(ctx: SyncContext, since: number | undefined): Promise<ReceiptSection> {
  const store = ctx.deps.receipts;
  if (!store) return { byRoom: new Map(), next: 0 };
  const head = await store.position();
  const after = since === undefined || ctx.fullState ? 0 : Math.min(since, head);
  const byRoom = new Map<string, JsonObject>();
  const roomFilter = ctx.filter.room;
  for (const r of await store.changes(ctx.viewer.userId, { after, upTo: head })) {
    if (!roomAllowed(roomFilter, r.roomId) || !matchesEventFilter(roomFilter?.ephemeral, { type: 'm.receipt', roomId: r.roomId })) continue;
    let event = byRoom.get(r.roomId);
    if (!event) byRoom.set(r.roomId, (event = { type: 'm.receipt', content: {} }));
    addReceipt(event['content'] as JsonObject, r);
  }
  return { byRoom, next: head };
}

function addReceipt(content: JsonObject, r: Receipt): void {
  const forEvent = (content[r.eventId] ??= {}) as JsonObject;
  const forType = (forEvent[r.type] ??= {}) as JsonObject;
  forType[r.userId] = r.threadId === '' ? { ts: r.ts } : { ts: r.ts, thread_id: r.threadId };
}
