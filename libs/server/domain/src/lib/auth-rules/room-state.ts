import { isSupportedRoomVersion } from '../pdu';
import type { StateEventLike, StateLookup } from './auth-types';
import { roomVersionRules } from './room-version-rules';

export function createEventOf(state: StateLookup): StateEventLike | undefined {
  return state('m.room.create', '');
}

/**
 * Who created the room, read from the create event itself so callers need not pass the room
 * version: v11+ use the sender (`content.creator` no longer exists), older versions the
 * `creator` field. An unrecognised version falls back to `creator` when it is present.
 */
export function roomCreatorOf(create: StateEventLike): string | undefined {
  const version = create.content['room_version'];
  const implicit =
    typeof version === 'string' && isSupportedRoomVersion(version)
      ? roomVersionRules(version).implicitCreator
      : typeof create.content['creator'] !== 'string';
  if (implicit) return create.sender;
  const creator = create.content['creator'];
  return typeof creator === 'string' ? creator : undefined;
}

/** A user's current membership; `undefined` when they have no member event (never joined). */
export function membershipOf(state: StateLookup, userId: string): string | undefined {
  const membership = state('m.room.member', userId)?.content['membership'];
  return typeof membership === 'string' ? membership : undefined;
}

/** The room's join rule. No `m.room.join_rules` event means `invite`, as Synapse reads it. */
export function joinRuleOf(state: StateLookup): string {
  const rule = state('m.room.join_rules', '')?.content['join_rule'];
  return typeof rule === 'string' ? rule : 'invite';
}
