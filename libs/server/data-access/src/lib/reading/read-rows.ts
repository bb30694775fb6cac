import { isJsonObject, type JsonObject, type Pdu, type ReadEvent, type UserMembership } from '@courier/server-domain';

export interface ReadEventRow {
  stream: number | string | bigint;
  event_id: string;
  room_id: string;
  sender: string;
  type: string;
  state_key: string | null;
  json: string;
  redacted_by: string | null;
}

export interface MembershipRow {
  room_id: string;
  membership: string;
  event_id: string;
  stream: number | string | bigint;
}

export function toReadEvent(row: ReadEventRow): ReadEvent {
  return {
    stream: Number(row.stream),
    eventId: row.event_id,
    roomId: row.room_id,
    sender: row.sender,
    type: row.type,
    stateKey: row.state_key,
    pdu: JSON.parse(row.json) as Pdu,
    redactedBy: row.redacted_by,
  };
}

export function toUserMembership(row: MembershipRow): UserMembership {
  return { roomId: row.room_id, membership: row.membership, eventId: row.event_id, stream: Number(row.stream) };
}

/** Stored JSON written by other features; anything that is not an object reads as {}. */
export function parseObject(json: string): JsonObject {
  try {
    const value: unknown = JSON.parse(json);
    return isJsonObject(value) ? value : {};
  } catch {
    return {};
  }
}

/** The string `content[key]` of a stored PDU, or '' (a pruned or odd event). */
export function contentString(json: string, key: string): string {
  const content = parseObject(json)['content'];
  const v = isJsonObject(content) ? content[key] : undefined;
  return typeof v === 'string' ? v : '';
}
