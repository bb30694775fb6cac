import { MatrixError } from '@courier/shared-matrix-errors';
import { authorizeEvent } from '../auth-rules/authorize-event';
import { inMemoryState } from '../auth-rules/state-from-events';
import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import type { PlannedStateEvent } from './create-room-request';

/** The member event that invites `userId`, as the caller will send it after the plan's events. */
export function inviteEvent(userId: string, isDirect: boolean): PlannedStateEvent {
  const content: JsonObject = isDirect ? { membership: 'invite', is_direct: true } : { membership: 'invite' };
  return { type: 'm.room.member', state_key: userId, content };
}

/**
 * Runs the plan (then the invites) through the auth rules, each event against the state the
 * ones before it built, before anything is written. The spec requires createRoom to check
 * power levels for each event, and answers a request whose own parameters lock the creator
 * out (e.g. an override leaving them below the name level) with 400 M_INVALID_ROOM_STATE;
 * checking up front means no half-built room is left behind, as Synapse can leave one.
 */
export function assertPlanAuthorizes(
  events: readonly PlannedStateEvent[],
  invites: readonly PlannedStateEvent[],
  creator: string,
  roomVersion: RoomVersion,
): void {
  const state = inMemoryState();
  for (const planned of [...events, ...invites]) {
    const event = { ...planned, sender: creator };
    try {
      authorizeEvent(event, state.lookup, roomVersion);
    } catch (error) {
      if (!(error instanceof MatrixError)) throw error;
      const slot = planned.state_key === '' ? planned.type : `${planned.type} for ${planned.state_key}`;
      throw new MatrixError(
        'M_INVALID_ROOM_STATE',
        `The requested initial state is invalid: ${slot} would be refused: ${error.message}`,
      );
    }
    state.apply(event);
  }
}
