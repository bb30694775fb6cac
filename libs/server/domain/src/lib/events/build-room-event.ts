import type { JsonObject } from '../json';
import type { Pdu } from '../pdu';
import type { RoomSnapshot, StateEvent } from '../ports/event-store';
import { authorizeEvent, selectAuthEvents, type EventToAuth, type StateLookup } from '../auth-rules';
import { finalizeEvent, type SigningKey } from '../event-format';
import { canonicalJson } from '../canonical-json';
import { MatrixError } from '@courier/shared-matrix-errors';

/** The largest PDU, as canonical JSON with hashes and signatures (spec: Size limits). */
export const MAX_PDU_BYTES = 65_536;

export interface RoomEventInput {
  type: string;
  stateKey?: string;
  sender: string;
  content: JsonObject;
  /** Pre-v11 redactions carry `redacts` at the top level too. */
  redacts?: string;
  now: number;
  serverName: string;
  signingKey: SigningKey;
}

export interface BuiltEvent {
  eventId: string;
  pdu: Pdu;
  json: string;
}

/**
 * Authorises an event against the room's current state and builds its full PDU: auth_events,
 * prev_events (the room's head), depth, hashes and signatures, and its event ID. Every event,
 * message or state, is held to the 64 KiB PDU limit here.
 */
export function buildRoomEvent(
  room: Pick<RoomSnapshot, 'roomId' | 'roomVersion' | 'prevEventIds' | 'depth'>,
  state: StateLookup,
  input: RoomEventInput,
): BuiltEvent {
  const toAuth: EventToAuth = {
    type: input.type,
    sender: input.sender,
    content: input.content,
    ...(input.stateKey !== undefined ? { state_key: input.stateKey } : {}),
    ...(input.redacts !== undefined ? { redacts: input.redacts } : {}),
  };
  authorizeEvent(toAuth, state, room.roomVersion);
  const proto: JsonObject = {
    auth_events: selectAuthEvents(toAuth, state, room.roomVersion),
    content: input.content,
    depth: room.depth + 1,
    origin_server_ts: input.now,
    prev_events: room.prevEventIds,
    room_id: room.roomId,
    sender: input.sender,
    type: input.type,
  };
  if (input.stateKey !== undefined) proto['state_key'] = input.stateKey;
  if (input.redacts !== undefined) proto['redacts'] = input.redacts;
  const { pdu, eventId } = finalizeEvent(proto, room.roomVersion, input.serverName, input.signingKey);
  const json = canonicalJson(pdu);
  if (Buffer.byteLength(json, 'utf8') > MAX_PDU_BYTES) {
    throw new MatrixError('M_TOO_LARGE', `Event is larger than ${MAX_PDU_BYTES} bytes`);
  }
  return { eventId, pdu: pdu as Pdu, json };
}

/** A state event as the snapshot will hold it once `built` is applied. */
export function asStateEvent(built: BuiltEvent): StateEvent | undefined {
  const stateKey = built.pdu['state_key'];
  if (typeof stateKey !== 'string') return undefined;
  return { event_id: built.eventId, type: built.pdu.type, state_key: stateKey, sender: built.pdu.sender, content: built.pdu.content };
}
