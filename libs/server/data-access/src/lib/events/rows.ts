import type { Pdu, ReadEvent, RoomVersion, StoredEvent } from '@courier/server-domain';

export interface RoomRow {
  room_version: RoomVersion | string;
  head_event_id: string | null;
  head_depth: number | string;
  state_version: number | string;
}

/** An events row as the read side selects it. */
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

/** An events row joined with its relation, as the write path's checks select it. */
export interface EventRow extends ReadEventRow {
  rel_type: string | null;
  relates_to_id: string | null;
}

export function toReadEvent(row: ReadEventRow): ReadEvent {
  return {
    eventId: row.event_id,
    roomId: row.room_id,
    sender: row.sender,
    type: row.type,
    stateKey: row.state_key,
    stream: Number(row.stream),
    pdu: JSON.parse(row.json) as Pdu,
    redactedBy: row.redacted_by,
  };
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    ...toReadEvent(row),
    relation: row.rel_type && row.relates_to_id ? { relType: row.rel_type, targetEventId: row.relates_to_id } : null,
  };
}
