import type { Pdu, RoomVersion, StoredEvent } from '@courier/server-domain';

export interface RoomRow {
  room_version: RoomVersion | string;
  head_event_id: string | null;
  head_depth: number | string;
  state_version: number | string;
}

export interface EventRow {
  stream: number | string | bigint;
  event_id: string;
  room_id: string;
  sender: string;
  type: string;
  state_key: string | null;
  json: string;
  redacted_by: string | null;
  rel_type: string | null;
  relates_to_id: string | null;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    eventId: row.event_id,
    roomId: row.room_id,
    sender: row.sender,
    type: row.type,
    stateKey: row.state_key,
    stream: Number(row.stream),
    pdu: JSON.parse(row.json) as Pdu,
    redactedBy: row.redacted_by,
    relation: row.rel_type && row.relates_to_id ? { relType: row.rel_type, targetEventId: row.relates_to_id } : null,
  };
}
