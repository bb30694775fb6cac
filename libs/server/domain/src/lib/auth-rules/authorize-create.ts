import { forbidden } from '@courier/shared-matrix-errors';
import type { RoomVersion } from '../pdu';
import type { EventToAuth, StateLookup } from './auth-types';
import { createEventOf } from './room-state';
import { roomVersionRules } from './room-version-rules';

/**
 * Rule 1, `m.room.create`. The spec's "has prev_events" and "room_id domain" checks need
 * the PDU; over a state snapshot their equivalent is "the room has no create event yet"
 * (the PDU builder owns the room ID). `room_version` must name the version whose rules we
 * run: an absent one would mean version 1, which Courier does not serve.
 */
export function authorizeCreate(event: EventToAuth, state: StateLookup, roomVersion: RoomVersion): void {
  if (event.state_key !== '') {
    throw forbidden('m.room.create must have an empty state_key');
  }
  if (createEventOf(state)) {
    throw forbidden('The room already has an m.room.create event; it must be the first event');
  }
  const declared = event.content['room_version'];
  if (declared !== roomVersion) {
    throw forbidden(
      `m.room.create content.room_version must be "${roomVersion}", got ${JSON.stringify(declared ?? null)}`,
    );
  }
  if (!roomVersionRules(roomVersion).implicitCreator && !('creator' in event.content)) {
    throw forbidden(`m.room.create in room version ${roomVersion} must have a creator property`);
  }
}
