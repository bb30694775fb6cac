import { MatrixError, badJson, invalidParam } from '@courier/shared-matrix-errors';
import { isJsonObject } from '../json';
import type { JsonObject } from '../json';
import { SUPPORTED_ROOM_VERSIONS, isSupportedRoomVersion } from '../pdu';
import { isValidUserId } from '../auth-rules/user-id';
import { ROOM_PRESETS, type CreateRoomRequest, type RoomPreset } from './create-room-request';
import { validateInitialState } from './validate-initial-state';

/** 400 M_UNSUPPORTED_ROOM_VERSION, as create_room.yaml prescribes for a version we do not serve. */
export function unsupportedRoomVersion(version: string): MatrixError {
  return new MatrixError(
    'M_UNSUPPORTED_ROOM_VERSION',
    `Room version "${version}" is not supported; supported: ${SUPPORTED_ROOM_VERSIONS.join(', ')}`,
  );
}

function optional<T>(body: JsonObject, key: string, check: (v: unknown) => v is T, expected: string): T | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (!check(value)) throw badJson(`${key} must be ${expected}`);
  return value;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isPreset = (v: unknown): v is RoomPreset => ROOM_PRESETS.some((p) => p === v);
const isVisibility = (v: unknown): v is 'public' | 'private' => v === 'public' || v === 'private';

// Synapse refuses whitespace and ':' (a client passing a full alias by mistake); the spec
// also excludes NUL.
function checkAliasLocalpart(name: string): void {
  if (name === '' || /[\s:]/.test(name) || name.includes('\u0000')) {
    throw invalidParam("room_alias_name must be a non-empty local part without whitespace or ':' (e.g. 'wombat')");
  }
}

/**
 * Checks a POST /createRoom body and returns only the fields Courier understands (contents
 * untouched). Which errcode: a field of the wrong JSON type or outside its enum is a
 * malformed body, 400 M_BAD_JSON (the spec's wording for createRoom, Synapse's for
 * `preset`); a well-typed but unusable value is 400 M_INVALID_PARAM (Synapse answers these
 * with M_UNKNOWN, which tells a client nothing); an unknown room version is 400
 * M_UNSUPPORTED_ROOM_VERSION. Problems that need the creator or the server name (alias
 * length, power levels that lock the creator out) are planRoomCreation's.
 */
export function validateCreateRoomRequest(body: unknown): CreateRoomRequest {
  if (!isJsonObject(body)) throw badJson('The request body must be a JSON object');
  const roomVersion = optional(body, 'room_version', isString, 'a string');
  if (roomVersion !== undefined && !isSupportedRoomVersion(roomVersion)) throw unsupportedRoomVersion(roomVersion);
  const invite = optional(body, 'invite', isStringArray, 'an array of user IDs');
  const badInvite = invite?.find((id) => !isValidUserId(id));
  if (badInvite !== undefined) throw invalidParam(`Invalid user_id in invite: ${badInvite}`);
  // Dropping third-party invites silently would lose them; Courier has no identity server.
  const invite3pid = optional(body, 'invite_3pid', Array.isArray, 'an array');
  if (invite3pid !== undefined && invite3pid.length > 0) {
    throw invalidParam('invite_3pid is not supported by this server');
  }
  const aliasName = optional(body, 'room_alias_name', isString, 'a string');
  if (aliasName !== undefined) checkAliasLocalpart(aliasName);
  const request: CreateRoomRequest = {
    preset: optional(body, 'preset', isPreset, `one of ${ROOM_PRESETS.join(', ')}`),
    visibility: optional(body, 'visibility', isVisibility, 'public or private'),
    name: optional(body, 'name', isString, 'a string'),
    topic: optional(body, 'topic', isString, 'a string'),
    invite,
    initial_state: body['initial_state'] === undefined ? undefined : validateInitialState(body['initial_state']),
    power_level_content_override: optional(body, 'power_level_content_override', isJsonObject, 'an object'),
    room_version: roomVersion,
    is_direct: optional(body, 'is_direct', isBoolean, 'a boolean'),
    creation_content: optional(body, 'creation_content', isJsonObject, 'an object'),
    room_alias_name: aliasName,
  };
  // Absent fields stay absent rather than becoming explicit undefined keys.
  return Object.fromEntries(Object.entries(request).filter(([, v]) => v !== undefined)) as CreateRoomRequest;
}
