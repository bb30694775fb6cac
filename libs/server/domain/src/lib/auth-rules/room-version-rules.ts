import type { RoomVersion } from '../pdu';

/**
 * What differs between the room versions Courier serves, as flags the rules read. Rules
 * shared by every supported version (integer-only power levels and the `knock_restricted`
 * join rule, both from v10) are written inline; a version that changes them adds a flag here.
 */
export interface RoomVersionRules {
  /** v11 (MSC2175): the creator is the create event's `sender`; `content.creator` is gone. */
  implicitCreator: boolean;
  /** v11 (MSC2174): `m.room.redaction` carries `redacts` inside `content`, not at the top level. */
  redactsInContent: boolean;
}

const RULES: Record<RoomVersion, RoomVersionRules> = {
  '10': { implicitCreator: false, redactsInContent: false },
  '11': { implicitCreator: true, redactsInContent: true },
};

export function roomVersionRules(version: RoomVersion): RoomVersionRules {
  return RULES[version];
}
