import { isJsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import type { EventToAuth, StateEventLike, StateLookup } from './auth-types';

/** The `join_authorised_via_users_server` member, which the selection names for versions with restricted rooms (8+). */
function authorisingUser(event: EventToAuth): string | undefined {
  const user = event.content['join_authorised_via_users_server'];
  return typeof user === 'string' ? user : undefined;
}

function thirdPartyInviteToken(event: EventToAuth): string | undefined {
  const invite = event.content['third_party_invite'];
  const signed = isJsonObject(invite) ? invite['signed'] : undefined;
  const token = isJsonObject(signed) ? signed['token'] : undefined;
  return typeof token === 'string' ? token : undefined;
}

/**
 * The PDU's `auth_events` (server-server API, "Auth events selection"): the create event,
 * the power levels, the sender's membership and, for membership events, the target's
 * membership, the join rules (join/invite/knock), the redeemed third-party invite and the
 * authorising user's membership. Slots that are empty or hold an event without an ID yet
 * are skipped. `_roomVersion` is unused while v10 and v11 select alike; it is in the
 * signature because v12 stops listing the create event.
 */
export function selectAuthEvents(event: EventToAuth, state: StateLookup, _roomVersion: RoomVersion): string[] {
  if (event.type === 'm.room.create') return [];
  const slots: Array<[string, string]> = [
    ['m.room.create', ''],
    ['m.room.power_levels', ''],
    ['m.room.member', event.sender],
  ];
  if (event.type === 'm.room.member' && event.state_key !== undefined) {
    const membership = event.content['membership'];
    slots.push(['m.room.member', event.state_key]);
    if (membership === 'join' || membership === 'invite' || membership === 'knock') {
      slots.push(['m.room.join_rules', '']);
    }
    const token = membership === 'invite' ? thirdPartyInviteToken(event) : undefined;
    if (token !== undefined) slots.push(['m.room.third_party_invite', token]);
    const authoriser = membership === 'join' ? authorisingUser(event) : undefined;
    if (authoriser !== undefined) slots.push(['m.room.member', authoriser]);
  }
  const ids = slots
    .map(([type, stateKey]) => state(type, stateKey))
    .filter((e): e is StateEventLike & { event_id: string } => typeof e?.event_id === 'string')
    .map((e) => e.event_id);
  return [...new Set(ids)];
}
