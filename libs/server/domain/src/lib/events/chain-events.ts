import type { JsonObject } from '../json';
import type { EventDraft, RoomSnapshot, StateEvent } from '../ports/event-store';
import type { SigningKey } from '../event-format';
import { asStateEvent, buildRoomEvent } from './build-room-event';

export interface ChainedEventInput {
  type: string;
  stateKey?: string;
  sender: string;
  content: JsonObject;
}

/**
 * Builds several events in a row on one snapshot (createRoom): each is authorised against the
 * state the ones before it leave, and points at the one before it (prev_events, depth).
 */
export function chainEvents(
  snapshot: RoomSnapshot,
  inputs: readonly ChainedEventInput[],
  ctx: { now: number; serverName: string; signingKey: SigningKey },
): EventDraft[] {
  const overlay = new Map<string, StateEvent>();
  const keyOf = (type: string, stateKey: string) => `${type}\u0000${stateKey}`;
  const state = (type: string, stateKey: string) => overlay.get(keyOf(type, stateKey)) ?? snapshot.state(type, stateKey);
  let prevEventIds = snapshot.prevEventIds;
  let depth = snapshot.depth;
  return inputs.map((input) => {
    const built = buildRoomEvent({ roomId: snapshot.roomId, roomVersion: snapshot.roomVersion, prevEventIds, depth }, state, {
      ...input,
      ...ctx,
    });
    const asState = asStateEvent(built);
    if (asState) overlay.set(keyOf(asState.type, asState.state_key), asState);
    prevEventIds = [built.eventId];
    depth = built.pdu.depth;
    return built;
  });
}
