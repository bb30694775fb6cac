import { forbidden, invalidParam, notFound } from '@courier/shared-matrix-errors';
import { parseRoomId, type ReceiptType } from '@courier/server-domain';
import type { ReceiptDeps } from './receipt-deps';

export const FULLY_READ = 'm.fully_read';
const RECEIPT_TYPES: readonly string[] = ['m.read', 'm.read.private', FULLY_READ];

export interface ReceiptRequest {
  roomId: string;
  receiptType: string;
  eventId: string;
  /** The body's thread_id, unvalidated (undefined when absent). */
  threadId: unknown;
}

/**
 * POST /rooms/{roomId}/receipt/{receiptType}/{eventId} (receipts.yaml). In order:
 * - the type is m.read, m.read.private or m.fully_read, else 400 M_INVALID_PARAM;
 * - thread_id, when given, is a non-empty string ("main" or a thread root's event ID), and not
 *   with m.fully_read, which has no threads (400 M_INVALID_PARAM, as Synapse);
 * - the user is joined to the room (403 M_FORBIDDEN, the same for an unknown room);
 * - the event is in the room (404 M_NOT_FOUND);
 * - m.fully_read goes to room account data; a receipt is stored unless the user's receipt of
 *   that type and thread already points at a later event (receipts only move forward);
 * - a public receipt wakes the room's readers, a private one only its owner.
 */
export async function postReceipt(deps: ReceiptDeps, userId: string, req: ReceiptRequest): Promise<void> {
  const roomId = parseRoomId(req.roomId);
  if (!RECEIPT_TYPES.includes(req.receiptType)) throw invalidParam(`Receipt type must be one of ${RECEIPT_TYPES.join(', ')}`);
  const threadId = parseThreadId(req.threadId);
  if (req.receiptType === FULLY_READ && threadId !== '') throw invalidParam('thread_id is not allowed for m.fully_read');
  const eventStream = await assertReadable(deps, userId, roomId, req.eventId);
  if (req.receiptType === FULLY_READ) return setFullyRead(deps, userId, roomId, req.eventId);
  await storeReceipt(deps, { roomId, userId, type: req.receiptType as ReceiptType, threadId, eventId: req.eventId, eventStream });
}

/** '' (unthreaded) when absent; otherwise a non-empty string. */
export function parseThreadId(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value !== 'string' || value === '') throw invalidParam('thread_id must be a non-empty string');
  if (value !== 'main' && !value.startsWith('$')) throw invalidParam('thread_id must be "main" or an event ID');
  return value;
}

/** The joined user may mark an event of the room; returns the event's stream position. */
export async function assertReadable(deps: ReceiptDeps, userId: string, roomId: string, eventId: string): Promise<number> {
  const membership = await deps.reader.membership(roomId, userId);
  if (membership?.membership !== 'join') throw forbidden('You are not joined to this room');
  const event = await deps.reader.getEvent(eventId);
  if (!event || event.roomId !== roomId) throw notFound('Event not found in this room');
  return event.stream;
}

export async function setFullyRead(deps: ReceiptDeps, userId: string, roomId: string, eventId: string): Promise<void> {
  await deps.accountData.put(userId, roomId, FULLY_READ, { event_id: eventId });
  deps.notifier.notify({ userIds: [userId] });
}

export async function storeReceipt(
  deps: ReceiptDeps,
  r: { roomId: string; userId: string; type: ReceiptType; threadId: string; eventId: string; eventStream: number },
): Promise<void> {
  const stored = await deps.receipts.put({ ...r, ts: deps.now() });
  if (stored === undefined) return;
  deps.notifier.notify(r.type === 'm.read.private' ? { userIds: [r.userId] } : { rooms: [r.roomId] });
}
