import { forbidden } from '@courier/shared-matrix-errors';
import type { EventToAuth, StateLookup } from './auth-types';
import { authorizeInvite } from './authorize-invite';
import { authorizeJoin } from './authorize-join';
import { namedPowerLevel, userPowerLevel } from './power-levels';
import { joinRuleOf, membershipOf } from './room-state';

function requireJoinedSender(sender: string, state: StateLookup): void {
  if (membershipOf(state, sender) !== 'join') {
    throw forbidden(`${sender} is not in the room`);
  }
}

/** Rule 4.5: `membership: leave`, which is a self-leave, a kick or an unban. */
function authorizeLeave(event: EventToAuth, target: string, state: StateLookup): void {
  if (event.sender === target) {
    const current = membershipOf(state, target);
    if (current === 'invite' || current === 'join' || current === 'knock') return;
    throw forbidden(`${target} cannot leave a room they are not joined to, invited to or knocking on`);
  }
  requireJoinedSender(event.sender, state);
  const userLevel = userPowerLevel(event.sender, state);
  const banLevel = namedPowerLevel('ban', state);
  if (membershipOf(state, target) === 'ban' && userLevel < banLevel) {
    throw forbidden(`You cannot unban user ${target}. user_level (${userLevel}) < ban_level (${banLevel})`);
  }
  const kickLevel = namedPowerLevel('kick', state);
  if (userLevel < kickLevel) {
    throw forbidden(`You cannot kick user ${target}. user_level (${userLevel}) < kick_level (${kickLevel})`);
  }
  const targetLevel = userPowerLevel(target, state);
  if (targetLevel >= userLevel) {
    throw forbidden(
      `You cannot kick user ${target}. target_level (${targetLevel}) >= user_level (${userLevel})`,
    );
  }
}

/** Rule 4.6: `membership: ban`. */
function authorizeBan(event: EventToAuth, target: string, state: StateLookup): void {
  requireJoinedSender(event.sender, state);
  const userLevel = userPowerLevel(event.sender, state);
  const banLevel = namedPowerLevel('ban', state);
  if (userLevel < banLevel) {
    throw forbidden(`You don't have permission to ban. user_level (${userLevel}) < ban_level (${banLevel})`);
  }
  const targetLevel = userPowerLevel(target, state);
  if (targetLevel >= userLevel) {
    throw forbidden(
      `You don't have permission to ban ${target}. target_level (${targetLevel}) >= user_level (${userLevel})`,
    );
  }
}

/** Rule 4.7: `membership: knock`. */
function authorizeKnock(event: EventToAuth, target: string, state: StateLookup): void {
  const joinRule = joinRuleOf(state);
  if (joinRule !== 'knock' && joinRule !== 'knock_restricted') {
    throw forbidden(`You cannot knock on this room (join rule "${joinRule}")`);
  }
  if (event.sender !== target) {
    throw forbidden('You cannot knock for other users');
  }
  const current = membershipOf(state, target);
  if (current === 'ban') throw forbidden('You are banned from this room');
  if (current === 'invite') throw forbidden('You are already invited to this room');
  if (current === 'join') throw forbidden('You are already in this room');
}

/**
 * Rule 4, `m.room.member`. Rule 4.2 (the event is signed by the server of
 * `join_authorised_via_users_server`) has nothing to check on a single server that signs
 * every event itself; authorizeJoin explains why that key does not admit anyone yet.
 */
export function authorizeMembership(event: EventToAuth, state: StateLookup): void {
  const target = event.state_key;
  const membership = event.content['membership'];
  if (target === undefined || typeof membership !== 'string') {
    throw forbidden('m.room.member needs a state_key and a string content.membership');
  }
  switch (membership) {
    case 'join':
      return authorizeJoin(event, target, state);
    case 'invite':
      return authorizeInvite(event, target, state);
    case 'leave':
      return authorizeLeave(event, target, state);
    case 'ban':
      return authorizeBan(event, target, state);
    case 'knock':
      return authorizeKnock(event, target, state);
    default:
      throw forbidden(`Unknown membership "${membership}"`);
  }
}
