import type { RoomVersion } from '../pdu';
import type { RedactionRules } from './redaction-rules';
import { REDACTION_RULES_V10 } from './rules-v10';
import { REDACTION_RULES_V11 } from './rules-v11';

// Version 12 reuses the v11 algorithm, so supporting it will be one more line here.
const BY_ROOM_VERSION: Readonly<Record<RoomVersion, RedactionRules>> = {
  '10': REDACTION_RULES_V10,
  '11': REDACTION_RULES_V11,
};

/**
 * The redaction rules of a room version. An unknown version is a bug in the caller (room
 * versions are checked when a room is created or joined), so it throws a plain Error: guessing
 * would produce wrong event IDs and signatures.
 */
export function redactionRulesFor(roomVersion: RoomVersion): RedactionRules {
  const rules = Object.hasOwn(BY_ROOM_VERSION, roomVersion) ? BY_ROOM_VERSION[roomVersion] : undefined;
  if (rules === undefined) throw new Error(`No redaction algorithm for room version ${JSON.stringify(roomVersion)}`);
  return rules;
}
