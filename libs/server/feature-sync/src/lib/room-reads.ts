import { forbidden, invalidParam, notFound } from '@courier/shared-matrix-errors';
import { parseRoomId, type JsonObject } from '@courier/server-domain';
import { formatEvents } from './format-events';
import { stringParam } from './query-params';
import type { QueryParams, ReadingDeps, Viewer } from './reading-deps';
import { loadRoomAccess, readableState } from './room-access';

/** GET /rooms/{roomId}/event/{eventId}: 404 alike for unknown, elsewhere and not visible (no leak). */
export async function getRoomEvent(deps: ReadingDeps, viewer: Viewer, rawRoomId: string, eventId: string): Promise<JsonObject> {
  const roomId = parseRoomId(rawRoomId);
  const event = await deps.reader.getEvent(eventId);
  if (!event || event.roomId !== roomId) throw notFound('Event not found');
  const access = await loadRoomAccess(deps, roomId, viewer.userId);
  if (!access.canSee(event)) throw notFound('Event not found');
  const [formatted] = await formatEvents(deps, viewer, [event], { withPrevContent: true, bundle: true, canSee: access.canSee });
  return formatted as JsonObject;
}

/** GET /rooms/{roomId}/state: the readable state (see readableState), client format. */
export async function getRoomState(deps: ReadingDeps, viewer: Viewer, rawRoomId: string): Promise<JsonObject[]> {
  const access = await loadRoomAccess(deps, parseRoomId(rawRoomId), viewer.userId);
  return formatEvents(deps, viewer, await readableState(deps, access));
}

/**
 * GET /rooms/{roomId}/state/{eventType}/{stateKey}: the content (or, with `format=event`, the
 * whole client event, spec v1.16). Unset → 404 M_NOT_FOUND; not readable → 403.
 */
export async function getRoomStateEvent(
  deps: ReadingDeps,
  viewer: Viewer,
  input: { roomId: string; eventType: string; stateKey: string; query: QueryParams },
): Promise<JsonObject> {
  const format = stringParam(input.query, 'format') ?? 'content';
  if (format !== 'content' && format !== 'event') throw invalidParam('format must be "content" or "event"');
  const access = await loadRoomAccess(deps, parseRoomId(input.roomId), viewer.userId);
  const state = await readableState(deps, access);
  const event = state.find((e) => e.type === input.eventType && e.stateKey === input.stateKey);
  if (!event) throw notFound(`No ${input.eventType} state with key "${input.stateKey}"`);
  if (format === 'content') return event.pdu.content;
  const [formatted] = await formatEvents(deps, viewer, [event]);
  return formatted as JsonObject;
}

const MEMBERSHIPS = ['join', 'invite', 'knock', 'leave', 'ban'];

function membershipParam(query: QueryParams, name: string): string | undefined {
  const v = stringParam(query, name);
  if (v !== undefined && !MEMBERSHIPS.includes(v)) throw invalidParam(`${name} must be one of ${MEMBERSHIPS.join(', ')}`);
  return v;
}

/**
 * GET /rooms/{roomId}/members: m.room.member events of the readable state. `membership` and
 * `not_membership` combine as an OR when both are given (rooms.yaml); `at` is ignored.
 */
export async function getMembers(deps: ReadingDeps, viewer: Viewer, rawRoomId: string, query: QueryParams): Promise<JsonObject> {
  const only = membershipParam(query, 'membership');
  const not = membershipParam(query, 'not_membership');
  const access = await loadRoomAccess(deps, parseRoomId(rawRoomId), viewer.userId);
  const members = (await readableState(deps, access)).filter((e) => {
    if (e.type !== 'm.room.member') return false;
    const m = e.pdu.content['membership'];
    if (only !== undefined && not !== undefined) return m === only || m !== not;
    return (only === undefined || m === only) && (not === undefined || m !== not);
  });
  return { chunk: await formatEvents(deps, viewer, members) };
}

/**
 * GET /rooms/{roomId}/joined_members: only for current members (rooms.yaml), else 403. Each
 * member has `display_name` and `avatar_url`, null when unset.
 */
export async function getJoinedMembers(deps: ReadingDeps, viewer: Viewer, rawRoomId: string): Promise<JsonObject> {
  const roomId = parseRoomId(rawRoomId);
  const membership = await deps.reader.membership(roomId, viewer.userId);
  if (membership?.membership !== 'join') throw forbidden('You are not a member of this room');
  const joined: JsonObject = {};
  for (const e of await deps.reader.currentState(roomId)) {
    if (e.type !== 'm.room.member' || e.stateKey === null || e.pdu.content['membership'] !== 'join') continue;
    const c = e.pdu.content;
    // Both keys always, null when unset (as Synapse): matrix-nio rejects a member without them.
    joined[e.stateKey] = {
      display_name: typeof c['displayname'] === 'string' ? c['displayname'] : null,
      avatar_url: typeof c['avatar_url'] === 'string' ? c['avatar_url'] : null,
    };
  }
  return { joined };
}

/** GET /joined_rooms. */
export async function getJoinedRooms(deps: ReadingDeps, viewer: Viewer): Promise<JsonObject> {
  return { joined_rooms: await deps.reader.joinedRooms(viewer.userId) };
}
