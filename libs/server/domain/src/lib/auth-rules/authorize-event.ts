import { forbidden } from '@courier/shared-matrix-errors';
import type { RoomVersion } from '../pdu';
import type { EventToAuth, StateLookup } from './auth-types';
import { authorizeCreate } from './authorize-create';
import { authorizeMembership } from './authorize-membership';
import { authorizePowerLevels } from './authorize-power-levels';
import { namedPowerLevel, requiredPowerLevel, userPowerLevel } from './power-levels';
import { createEventOf, membershipOf } from './room-state';
import { serverNameOf } from './user-id';

/**
 * The authorisation rules of room versions 10 and 11 (they differ only where
 * RoomVersionRules says), checked against the room's current state. Throws 403 M_FORBIDDEN
 * naming the rule that refused the event; returns if the event is allowed.
 *
 * Not checked here, because a state snapshot cannot show them: signatures, the PDU's
 * `auth_events` list (rule 2; selectAuthEvents builds it) and `prev_events`. Redactions pass
 * like any other event: the redact level decides whether they take effect (see canRedact).
 */
export function authorizeEvent(event: EventToAuth, state: StateLookup, roomVersion: RoomVersion): void {
  if (event.type === 'm.room.create') {
    authorizeCreate(event, state, roomVersion);
    return;
  }
  const create = createEventOf(state);
  if (!create) {
    throw forbidden('The room has no m.room.create event, so no other event can be sent');
  }
  if (create.content['m.federate'] === false && serverNameOf(event.sender) !== serverNameOf(create.sender)) {
    throw forbidden('This room has been marked as unfederatable');
  }
  if (event.type === 'm.room.member') {
    authorizeMembership(event, state);
    return;
  }
  if (membershipOf(state, event.sender) !== 'join') {
    throw forbidden(`${event.sender} is not in the room`);
  }
  const userLevel = userPowerLevel(event.sender, state);
  if (event.type === 'm.room.third_party_invite') {
    // Rule 6: whoever may invite may send a third-party invite, whatever `events` says.
    const inviteLevel = namedPowerLevel('invite', state);
    if (userLevel < inviteLevel) {
      throw forbidden(
        `You don't have permission to invite users. user_level (${userLevel}) < invite_level (${inviteLevel})`,
      );
    }
    return;
  }
  const isState = event.state_key !== undefined;
  const sendLevel = requiredPowerLevel(event.type, isState, state);
  if (userLevel < sendLevel) {
    throw forbidden(
      `You don't have permission to post that to the room. user_level (${userLevel}) < send_level (${sendLevel})`,
    );
  }
  if (event.state_key?.startsWith('@') && event.state_key !== event.sender) {
    throw forbidden("You are not allowed to set others' state: a state_key starting with @ must be your own user ID");
  }
  if (event.type === 'm.room.power_levels') {
    authorizePowerLevels(event, state);
  }
}
