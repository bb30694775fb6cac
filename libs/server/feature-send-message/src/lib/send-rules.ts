import { MatrixError, forbidden, invalidParam } from '@courier/shared-matrix-errors';

/** Event types that only exist as state: /send refuses them (contract §3). */
export const STATE_ONLY_TYPES: ReadonlySet<string> = new Set([
  'm.room.create',
  'm.room.member',
  'm.room.power_levels',
  'm.room.join_rules',
  'm.room.history_visibility',
  'm.room.name',
  'm.room.topic',
  'm.room.avatar',
  'm.room.canonical_alias',
  'm.room.tombstone',
  'm.room.server_acl',
  'm.room.encryption',
  'm.room.third_party_invite',
  'm.room.guest_access',
]);

export const MAX_EVENT_TYPE_BYTES = 255;
export { MAX_PDU_BYTES } from '@courier/server-domain';
export const MAX_ANNOTATION_KEY_BYTES = 500;

/** The event type from the path: non-empty, at most 255 bytes (contract §4). */
export function validateEventType(eventType: string): string {
  if (eventType.length === 0) throw invalidParam('Event type must not be empty');
  if (eventType.includes('\u0000')) throw invalidParam('Event type must not contain NUL');
  if (Buffer.byteLength(eventType, 'utf8') > MAX_EVENT_TYPE_BYTES) {
    throw new MatrixError('M_TOO_LARGE', `Event type is longer than ${MAX_EVENT_TYPE_BYTES} bytes`);
  }
  return eventType;
}

export function assertNotStateOnly(eventType: string): void {
  if (STATE_ONLY_TYPES.has(eventType)) {
    throw invalidParam(`Cannot send ${eventType} as a message event: it must be sent as a state event`);
  }
}


/** The same answer for an unknown room and a room the sender is not in, so existence does not leak. */
export const notJoined = () => forbidden('You are not joined to this room, or it does not exist');

export const MAX_TXN_ID_BYTES = 4096;

/** A transaction ID: any non-empty string without NUL (which no database text column holds), bounded. */
export function validateTxnId(txnId: string): string {
  if (txnId.length === 0) throw invalidParam('Transaction ID must not be empty');
  if (txnId.includes('\u0000')) throw invalidParam('Transaction ID must not contain NUL');
  if (Buffer.byteLength(txnId, 'utf8') > MAX_TXN_ID_BYTES) throw invalidParam(`Transaction ID is longer than ${MAX_TXN_ID_BYTES} bytes`);
  return txnId;
}
