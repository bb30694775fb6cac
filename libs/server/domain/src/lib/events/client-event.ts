import type { JsonObject, JsonValue } from '../json';

export interface ClientEventOptions {
  /** Built by the read side per requester (age, transaction_id, redacted_because, prev_content). */
  unsigned?: JsonObject;
  /** /sync's ClientEventWithoutRoomID: the room is implied by where the event sits. */
  omitRoomId?: boolean;
}

/**
 * The client format of a stored PDU (Client-Server API "ClientEvent"): the fields a client
 * reads, plus `event_id`, which a PDU of room version 3+ does not carry. Federation-only
 * fields (auth_events, prev_events, hashes, signatures, depth) and any stored `unsigned` are
 * left out: `unsigned` is per requester, so the caller builds it.
 */
export function toClientEvent(eventId: string, pdu: JsonObject, options: ClientEventOptions = {}): JsonObject {
  const out: JsonObject = {
    content: (pdu['content'] as JsonValue | undefined) ?? {},
    event_id: eventId,
    origin_server_ts: (pdu['origin_server_ts'] as JsonValue | undefined) ?? 0,
    sender: (pdu['sender'] as JsonValue | undefined) ?? '',
    type: (pdu['type'] as JsonValue | undefined) ?? '',
  };
  if (!options.omitRoomId && pdu['room_id'] !== undefined) out['room_id'] = pdu['room_id'];
  if (typeof pdu['state_key'] === 'string') out['state_key'] = pdu['state_key'];
  // Pre-v11 redactions carry the target at the top level; clients still read it there.
  if (pdu['redacts'] !== undefined) out['redacts'] = pdu['redacts'];
  if (options.unsigned && Object.keys(options.unsigned).length > 0) out['unsigned'] = options.unsigned;
  return out;
}

/** A stripped state event (invite_state): just enough to show the room before joining. */
export function toStrippedStateEvent(pdu: JsonObject): JsonObject {
  return {
    content: (pdu['content'] as JsonValue | undefined) ?? {},
    sender: (pdu['sender'] as JsonValue | undefined) ?? '',
    state_key: (pdu['state_key'] as JsonValue | undefined) ?? '',
    type: (pdu['type'] as JsonValue | undefined) ?? '',
  };
}
