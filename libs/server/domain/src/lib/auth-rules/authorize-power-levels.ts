import { forbidden } from '@courier/shared-matrix-errors';
import type { JsonObject, JsonValue } from '../json';
import { isJsonObject } from '../json';
import type { EventToAuth, StateLookup } from './auth-types';
import { isPowerLevelValue, userPowerLevel } from './power-levels';
import { isValidUserId } from './user-id';

const SCALAR_KEYS = ['users_default', 'events_default', 'state_default', 'ban', 'redact', 'kick', 'invite'];
const EVENT_MAPS = ['events', 'notifications'];

/** Rules 9.1–9.3: the shape, which v10 made strict (integers only, never "50"). */
function checkShape(content: JsonObject): void {
  for (const key of SCALAR_KEYS) {
    if (key in content && !isPowerLevelValue(content[key])) {
      throw forbidden(`m.room.power_levels ${key} must be an integer, got ${JSON.stringify(content[key])}`);
    }
  }
  for (const key of [...EVENT_MAPS, 'users']) {
    if (!(key in content)) continue;
    const map = content[key];
    if (!isJsonObject(map)) {
      throw forbidden(`m.room.power_levels ${key} must be an object`);
    }
    for (const [entry, value] of Object.entries(map)) {
      if (!isPowerLevelValue(value)) {
        throw forbidden(`m.room.power_levels ${key}["${entry}"] must be an integer, got ${JSON.stringify(value)}`);
      }
      if (key === 'users' && !isValidUserId(entry)) {
        throw forbidden(`m.room.power_levels users key "${entry}" is not a valid user ID`);
      }
    }
  }
}

function levelAt(container: JsonValue | undefined, key: string): number | undefined {
  const value = isJsonObject(container) ? container[key] : undefined;
  return isPowerLevelValue(value) ? value : undefined;
}

interface Change { label: string; before: number | undefined; after: number | undefined }

/** Every entry that was added, changed or removed between two level maps. */
function changes(before: JsonValue | undefined, after: JsonValue | undefined, prefix: string): Change[] {
  const keys = new Set([
    ...Object.keys(isJsonObject(before) ? before : {}),
    ...Object.keys(isJsonObject(after) ? after : {}),
  ]);
  return [...keys]
    .map((key) => ({ key, label: `${prefix}${key}`, before: levelAt(before, key), after: levelAt(after, key) }))
    .filter((c) => c.before !== c.after);
}

function refuseAbove(change: Change, userLevel: number): void {
  if (change.before !== undefined && change.before > userLevel) {
    throw forbidden(
      `You cannot change ${change.label}: its current level (${change.before}) is above yours (${userLevel})`,
    );
  }
  if (change.after !== undefined && change.after > userLevel) {
    throw forbidden(`You cannot set ${change.label} to ${change.after}, above your own level (${userLevel})`);
  }
}

/** Rule 9, `m.room.power_levels`: nobody can grant or take away more than they hold. */
export function authorizePowerLevels(event: EventToAuth, state: StateLookup): void {
  checkShape(event.content);
  const previous = state('m.room.power_levels', '');
  if (!previous) return;
  const before = previous.content;
  const after = event.content;
  const userLevel = userPowerLevel(event.sender, state);

  const scalarChanges = changes(before, after, '').filter((c) => SCALAR_KEYS.includes(c.label));
  scalarChanges.forEach((c) => refuseAbove(c, userLevel));
  for (const map of EVENT_MAPS) {
    changes(before[map], after[map], `${map}.`).forEach((c) => refuseAbove(c, userLevel));
  }
  for (const change of changes(before['users'], after['users'], '')) {
    const own = change.label === event.sender;
    if (!own && change.before !== undefined && change.before >= userLevel) {
      throw forbidden(
        `You cannot change the power level of ${change.label}: theirs (${change.before}) is not below yours (${userLevel})`,
      );
    }
    refuseAbove({ ...change, before: undefined }, userLevel);
  }
}
