import { forbidden } from '@courier/shared-matrix-errors';
import type { RoomVersion } from '../pdu';
import type { EventToAuth, StateLookup } from './auth-types';
import { namedPowerLevel, userPowerLevel } from './power-levels';
import { roomVersionRules } from './room-version-rules';

/**
 * Whether a redaction by `sender` takes effect on an event sent by `targetSender`: always
 * for one's own events, otherwise only at the `redact` level (spec: m.room.power_levels).
 * The room-version text also accepts "same server as the original sender"; that rule lets
 * each server police its own users over federation, and on a single server it would let
 * anyone redact anything, so a client's redaction is held to the power level instead.
 */
export function canRedact(sender: string, targetSender: string, state: StateLookup): boolean {
  return sender === targetSender || userPowerLevel(sender, state) >= namedPowerLevel('redact', state);
}

/** canRedact that throws 403 M_FORBIDDEN naming both levels. */
export function assertCanRedact(sender: string, targetSender: string, state: StateLookup): void {
  if (canRedact(sender, targetSender, state)) return;
  const userLevel = userPowerLevel(sender, state);
  const redactLevel = namedPowerLevel('redact', state);
  throw forbidden(
    `You don't have permission to redact other users' events. user_level (${userLevel}) < redact_level (${redactLevel})`,
  );
}

/**
 * The event ID an `m.room.redaction` targets: `content.redacts` from v11 on, the top-level
 * `redacts` before. `undefined` when it is missing or not a string (a malformed request).
 */
export function redactedEventId(event: EventToAuth, roomVersion: RoomVersion): string | undefined {
  const redacts = roomVersionRules(roomVersion).redactsInContent ? event.content['redacts'] : event.redacts;
  return typeof redacts === 'string' ? redacts : undefined;
}
