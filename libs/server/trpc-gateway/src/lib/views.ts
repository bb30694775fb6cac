import type { JsonObject, ReadEvent } from '@courier/server-domain';

/** An event as the gateway lists it: its index fields and content, camelCase like the rest of the API. */
export interface GatewayEvent {
  /** Commit position across all rooms: what cursors and subscriptions count in. */
  stream: number;
  eventId: string;
  roomId: string;
  sender: string;
  type: string;
  stateKey: string | null;
  originServerTs: number;
  content: JsonObject;
  redactedBy: string | null;
}

export function toGatewayEvent(e: ReadEvent): GatewayEvent {
  return {
    stream: e.stream,
    eventId: e.eventId,
    roomId: e.roomId,
    sender: e.sender,
    type: e.type,
    stateKey: e.stateKey,
    originServerTs: Number(e.pdu.origin_server_ts),
    content: e.pdu.content,
    redactedBy: e.redactedBy,
  };
}
