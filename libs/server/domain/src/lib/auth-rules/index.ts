export type { EventToAuth, StateEventLike, StateLookup } from './auth-types';
export { authorizeEvent } from './authorize-event';
export { selectAuthEvents } from './select-auth-events';
export {
  NAMED_LEVEL_DEFAULTS,
  isPowerLevelValue,
  namedPowerLevel,
  requiredPowerLevel,
  userPowerLevel,
  type NamedLevel,
} from './power-levels';
export { assertCanRedact, canRedact, redactedEventId } from './redaction';
export { createEventOf, joinRuleOf, membershipOf, roomCreatorOf } from './room-state';
export { roomVersionRules, type RoomVersionRules } from './room-version-rules';
export { inMemoryState, stateFromEvents, type InMemoryState } from './state-from-events';
export { isValidServerName, isValidUserId, serverNameOf } from './user-id';
