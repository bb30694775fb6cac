import { invalidParam } from '@courier/shared-matrix-errors';
import type { JsonObject } from '../json';
import { DEFAULT_ROOM_VERSION, isSupportedRoomVersion, type RoomVersion } from '../pdu';
import { roomVersionRules } from '../auth-rules/room-version-rules';
import { utf8Length } from '../auth-rules/user-id';
import { assertPlanAuthorizes, inviteEvent } from './check-planned-state';
import type { CreateRoomRequest, PlannedStateEvent, RoomCreationPlan } from './create-room-request';
import { defaultPowerLevels } from './default-power-levels';
import { PRESETS, presetFor } from './presets';
import { unsupportedRoomVersion } from './validate-create-room-request';

const MAX_ALIAS_BYTES = 255;
const slotOf = (type: string, stateKey: string) => JSON.stringify([type, stateKey]);
const event = (type: string, content: JsonObject, stateKey = ''): PlannedStateEvent => ({
  type,
  state_key: stateKey,
  content,
});

/** The server owns `room_version` and, before v11, `creator`; from v11 the sender is the creator. */
function createContent(req: CreateRoomRequest, creator: string, roomVersion: RoomVersion): JsonObject {
  const content: JsonObject = { ...req.creation_content, room_version: roomVersion };
  if (roomVersionRules(roomVersion).implicitCreator) delete content['creator'];
  else content['creator'] = creator;
  return content;
}

/** initial_state by slot: a repeated slot keeps its first position and its last content. */
function initialStateBySlot(req: CreateRoomRequest): Map<string, PlannedStateEvent> {
  const slots = new Map<string, PlannedStateEvent>();
  for (const entry of req.initial_state ?? []) {
    const planned = event(entry.type, entry.content, entry.state_key ?? '');
    slots.set(slotOf(planned.type, planned.state_key), planned);
  }
  return slots;
}

/** `m.topic` (spec v1.15) holds the same text as a text/plain block; `topic` stays for older clients. */
function topicContent(topic: string): JsonObject {
  return { topic, 'm.topic': { 'm.text': [{ body: topic, mimetype: 'text/plain' }] } };
}

function aliasFor(localpart: string, serverName: string): string {
  const alias = `#${localpart}:${serverName}`;
  if (utf8Length(alias) > MAX_ALIAS_BYTES) {
    throw invalidParam(`The room alias ${alias} is longer than ${MAX_ALIAS_BYTES} bytes`);
  }
  return alias;
}

/**
 * The state events POST /createRoom sends, in the order create_room.yaml requires: create,
 * the creator's join, power levels, canonical alias, the preset's join rules / history
 * visibility / guest access, initial_state in request order, then name and topic. An
 * initial_state entry takes the place of the preset event for its slot instead of adding a
 * second one, and `name`/`topic` take the place of initial_state's. Invites come last and
 * are the caller's to send. `req` is expected to come from validateCreateRoomRequest.
 * Throws 400 M_INVALID_ROOM_STATE if the result would not pass the auth rules.
 */
export function planRoomCreation(req: CreateRoomRequest, creator: string, serverName: string): RoomCreationPlan {
  const requested = req.room_version ?? DEFAULT_ROOM_VERSION;
  if (!isSupportedRoomVersion(requested)) throw unsupportedRoomVersion(requested);
  const roomVersion: RoomVersion = requested;
  const preset = PRESETS[presetFor(req)];
  const invites = [...new Set(req.invite ?? [])];
  const initial = initialStateBySlot(req);
  const takeInitial = (type: string) => {
    const found = initial.get(slotOf(type, ''));
    initial.delete(slotOf(type, ''));
    return found;
  };
  const alias = req.room_alias_name === undefined ? undefined : aliasFor(req.room_alias_name, serverName);

  const events: PlannedStateEvent[] = [
    event('m.room.create', createContent(req, creator, roomVersion)),
    event('m.room.member', { membership: 'join' }, creator),
    takeInitial('m.room.power_levels') ??
      event('m.room.power_levels', {
        ...defaultPowerLevels(creator, preset.inviteesAreAdmins ? invites : []),
        ...req.power_level_content_override,
      }),
  ];
  if (alias !== undefined && !initial.has(slotOf('m.room.canonical_alias', ''))) {
    events.push(event('m.room.canonical_alias', { alias }));
  }
  const presetEvents = [
    event('m.room.join_rules', { join_rule: preset.joinRule }),
    event('m.room.history_visibility', { history_visibility: preset.historyVisibility }),
    ...(preset.guestCanJoin ? [event('m.room.guest_access', { guest_access: 'can_join' })] : []),
  ];
  events.push(...presetEvents.filter((e) => !initial.has(slotOf(e.type, e.state_key))));
  if (req.name !== undefined) takeInitial('m.room.name');
  if (req.topic !== undefined) takeInitial('m.room.topic');
  events.push(...initial.values());
  if (req.name !== undefined) events.push(event('m.room.name', { name: req.name }));
  if (req.topic !== undefined) events.push(event('m.room.topic', topicContent(req.topic)));

  const isDirect = req.is_direct === true;
  assertPlanAuthorizes(events, invites.map((id) => inviteEvent(id, isDirect)), creator, roomVersion);
  const visibility = req.visibility ?? 'private';
  return { roomVersion, events, invites, isDirect, visibility, ...(alias !== undefined ? { alias } : {}) };
}
