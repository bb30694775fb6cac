import { MatrixError } from '@courier/shared-matrix-errors';
import type { JsonObject } from '../json';
import type { RoomVersion } from '../pdu';
import type { StateEventLike, StateLookup } from './auth-types';
import { stateFromEvents } from './state-from-events';

/** Test support (not exported): a small room whose state the auth-rule specs vary. */
export const CREATOR = '@alice:example.org';
export const MOD = '@mod:example.org';
export const MEMBER = '@bob:example.org';
export const OUTSIDER = '@eve:example.org';

export const DEFAULT_TEST_LEVELS: JsonObject = {
  users: { [CREATOR]: 100, [MOD]: 50 },
  users_default: 0,
  events: { 'm.room.power_levels': 100 },
  events_default: 0,
  state_default: 50,
  ban: 50,
  kick: 50,
  redact: 50,
  invite: 0,
};

export interface TestRoomOptions {
  version?: RoomVersion;
  /** Memberships besides the creator's join; CREATOR may be overridden too. */
  members?: Record<string, string>;
  /** `null` leaves the room without a power levels event. */
  powerLevels?: JsonObject | null;
  joinRule?: string | null;
  extra?: StateEventLike[];
}

export function stateEvent(type: string, stateKey: string, content: JsonObject, sender = CREATOR): StateEventLike {
  return { type, state_key: stateKey, sender, content, event_id: `$${type}/${stateKey}` };
}

export function createEvent(version: RoomVersion, sender = CREATOR): StateEventLike {
  const content: JsonObject = version === '10' ? { room_version: '10', creator: sender } : { room_version: version };
  return stateEvent('m.room.create', '', content, sender);
}

export function testRoom(options: TestRoomOptions = {}): StateLookup {
  const version = options.version ?? '11';
  const members = { [CREATOR]: 'join', [MOD]: 'join', [MEMBER]: 'join', ...options.members };
  const events: StateEventLike[] = [createEvent(version)];
  for (const [user, membership] of Object.entries(members)) {
    events.push(stateEvent('m.room.member', user, { membership }, user));
  }
  if (options.powerLevels !== null) {
    events.push(stateEvent('m.room.power_levels', '', options.powerLevels ?? DEFAULT_TEST_LEVELS));
  }
  if (options.joinRule !== null) {
    events.push(stateEvent('m.room.join_rules', '', { join_rule: options.joinRule ?? 'invite' }));
  }
  return stateFromEvents([...events, ...(options.extra ?? [])]);
}

/** The MatrixError an action throws, or undefined if it returns; anything else is rethrown. */
export function refusal(action: () => void): MatrixError | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (error instanceof MatrixError) return error;
    throw error;
  }
}
