import { badJson } from '@courier/shared-matrix-errors';
import { parseRoomId, type ReceiptType } from '@courier/server-domain';
import { FULLY_READ, assertReadable, setFullyRead, storeReceipt } from './post-receipt';
import type { ReceiptDeps } from './receipt-deps';

const MARKERS = [FULLY_READ, 'm.read', 'm.read.private'] as const;

/**
 * POST /rooms/{roomId}/read_markers (read_markers.yaml): each of m.fully_read, m.read and
 * m.read.private that the body names, as if posted to /receipt one by one (unthreaded). A
 * value that is not a string is 400 M_BAD_JSON; every event is checked before anything is
 * written, so a bad one changes nothing.
 */
export async function setReadMarkers(deps: ReceiptDeps, userId: string, rawRoomId: string, body: Record<string, unknown>): Promise<void> {
  const roomId = parseRoomId(rawRoomId);
  const wanted: Array<{ type: (typeof MARKERS)[number]; eventId: string }> = [];
  for (const type of MARKERS) {
    const value = body[type];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw badJson(`${type} must be an event ID`);
    wanted.push({ type, eventId: value });
  }
  const streams = [];
  for (const w of wanted) streams.push(await assertReadable(deps, userId, roomId, w.eventId));
  for (const [i, w] of wanted.entries()) {
    if (w.type === FULLY_READ) await setFullyRead(deps, userId, roomId, w.eventId);
    else await storeReceipt(deps, { roomId, userId, type: w.type as ReceiptType, threadId: '', eventId: w.eventId, eventStream: streams[i] ?? 0 });
  }
}
