import type { JsonValue } from '../json';
import { isJsonObject } from '../json';
import type { StateLookup } from './auth-types';
import { createEventOf, roomCreatorOf } from './room-state';

/** The named thresholds in `m.room.power_levels` and their defaults (spec: m.room.power_levels). */
export const NAMED_LEVEL_DEFAULTS = { ban: 50, kick: 50, redact: 50, invite: 0 } as const;
export type NamedLevel = keyof typeof NAMED_LEVEL_DEFAULTS;

const DEFAULT_STATE_LEVEL = 50;
const DEFAULT_EVENTS_LEVEL = 0;
/** With no power levels event, the creator has this level and everyone else 0. */
const CREATOR_LEVEL_WITHOUT_POWER_LEVELS = 100;

/**
 * A power level as room versions 10+ accept it: an integer in canonical JSON's range.
 * Strings such as "50" were tolerated before v10 and are refused now.
 */
export function isPowerLevelValue(value: JsonValue | undefined): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function powerLevelsContent(state: StateLookup) {
  return state('m.room.power_levels', '')?.content;
}

// The stored power levels passed these rules, so a non-integer can only mean a slot we do
// not read (e.g. `events` absent); treating it as absent falls back to the spec default.
function levelIn(container: JsonValue | undefined, key: string): number | undefined {
  if (!isJsonObject(container)) return undefined;
  const value = container[key];
  return isPowerLevelValue(value) ? value : undefined;
}

export function userPowerLevel(userId: string, state: StateLookup): number {
  const content = powerLevelsContent(state);
  if (content) {
    return levelIn(content['users'], userId) ?? levelIn(content, 'users_default') ?? 0;
  }
  const create = createEventOf(state);
  return create && roomCreatorOf(create) === userId ? CREATOR_LEVEL_WITHOUT_POWER_LEVELS : 0;
}

/** The spec's "required power level" for an event type: `events[type]`, else the default. */
export function requiredPowerLevel(eventType: string, isState: boolean, state: StateLookup): number {
  const content = powerLevelsContent(state);
  const specific = levelIn(content?.['events'], eventType);
  if (specific !== undefined) return specific;
  return isState
    ? (levelIn(content, 'state_default') ?? DEFAULT_STATE_LEVEL)
    : (levelIn(content, 'events_default') ?? DEFAULT_EVENTS_LEVEL);
}

/** The `ban`, `kick`, `redact` or `invite` threshold. */
export function namedPowerLevel(name: NamedLevel, state: StateLookup): number {
  return levelIn(powerLevelsContent(state), name) ?? NAMED_LEVEL_DEFAULTS[name];
}
