import { forbidden } from '@courier/shared-matrix-errors';
import { isJsonObject } from '../json';
import type { EventToAuth, StateLookup } from './auth-types';
import { namedPowerLevel, userPowerLevel } from './power-levels';
import { membershipOf } from './room-state';

/**
 * Rule 4.4.1: an invite that redeems a third-party invite. Every structural check is made
 * so the client learns what is wrong, but the last step (a signature in `signed` made by a
 * key the `m.room.third_party_invite` event lists) needs ed25519 over canonical JSON, which
 * this module does not do yet; until it does, such invites are refused rather than trusted.
 */
function authorizeThirdPartyInvite(event: EventToAuth, target: string, state: StateLookup): never {
  if (membershipOf(state, target) === 'ban') {
    throw forbidden(`${target} is banned from the room`);
  }
  const invite = event.content['third_party_invite'];
  const signed = isJsonObject(invite) ? invite['signed'] : undefined;
  if (!isJsonObject(signed)) {
    throw forbidden('third_party_invite must have a signed object');
  }
  const { mxid, token } = signed;
  if (typeof mxid !== 'string' || typeof token !== 'string') {
    throw forbidden('third_party_invite.signed must have mxid and token');
  }
  if (mxid !== target) {
    throw forbidden('third_party_invite.signed.mxid does not match the state_key');
  }
  const pending = state('m.room.third_party_invite', token);
  if (!pending) {
    throw forbidden('No m.room.third_party_invite matches this token');
  }
  if (pending.sender !== event.sender) {
    throw forbidden('Only the sender of the third-party invite can redeem it');
  }
  throw forbidden('Third-party invite signatures cannot be verified yet');
}

/** Rule 4.4: `membership: invite`. */
export function authorizeInvite(event: EventToAuth, target: string, state: StateLookup): void {
  if ('third_party_invite' in event.content) {
    authorizeThirdPartyInvite(event, target, state);
  }
  if (membershipOf(state, event.sender) !== 'join') {
    throw forbidden(`${event.sender} is not in the room`);
  }
  const current = membershipOf(state, target);
  if (current === 'join') throw forbidden(`${target} is already in the room`);
  if (current === 'ban') throw forbidden(`${target} is banned from the room`);
  const userLevel = userPowerLevel(event.sender, state);
  const inviteLevel = namedPowerLevel('invite', state);
  if (userLevel < inviteLevel) {
    throw forbidden(
      `You don't have permission to invite users. user_level (${userLevel}) < invite_level (${inviteLevel})`,
    );
  }
}
