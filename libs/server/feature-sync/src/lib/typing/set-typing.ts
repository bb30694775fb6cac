import { badJson, forbidden, missingParam } from '@courier/shared-matrix-errors';
import {
  DEFAULT_TYPING_TIMEOUT_MS,
  MAX_TYPING_TIMEOUT_MS,
  parseRoomId,
  type EventReader,
  type TypingStore,
} from '@courier/server-domain';

export interface TypingDeps {
  reader: EventReader;
  typing: TypingStore;
}

/**
 * PUT /rooms/{roomId}/typing/{userId} (typing.yaml). In order: one's own typing state only
 * (403 M_FORBIDDEN); `typing` is present (400 M_MISSING_PARAM, as Synapse) and a boolean (400
 * M_BAD_JSON); `timeout`, when given, a
 * non-negative integer of milliseconds (default 30 s, held to at most 2 minutes, as Synapse);
 * the user is joined (403 M_FORBIDDEN, the same for an unknown room). The store wakes /sync.
 */
export async function setTyping(deps: TypingDeps, requesterId: string, raw: { roomId: string; userId: string }, body: Record<string, unknown>): Promise<void> {
  const roomId = parseRoomId(raw.roomId);
  if (raw.userId !== requesterId) throw forbidden("Cannot set another user's typing state");
  const typing = body['typing'];
  if (typing === undefined) throw missingParam('typing is required');
  if (typeof typing !== 'boolean') throw badJson('typing must be a boolean');
  const timeout = body['timeout'];
  if (timeout !== undefined && !(typeof timeout === 'number' && Number.isSafeInteger(timeout) && timeout >= 0)) {
    throw badJson('timeout must be a non-negative integer');
  }
  const membership = await deps.reader.membership(roomId, requesterId);
  if (membership?.membership !== 'join') throw forbidden('You are not joined to this room');
  const timeoutMs = Math.min(timeout ?? DEFAULT_TYPING_TIMEOUT_MS, MAX_TYPING_TIMEOUT_MS);
  await deps.typing.set(roomId, requesterId, typing, timeoutMs);
}
