import { parseRoomId, requiredPowerLevel, userPowerLevel, type JsonObject, type StateLookup } from '@courier/server-domain';
import { setRoomState } from '../set-room-state';
import { MatrixError, forbidden, invalidParam, notFound } from '@courier/shared-matrix-errors';
import type { DirectoryDeps, DirectoryRequester } from './directory-deps';
import { parseRoomAlias } from './room-alias';

async function isJoined(deps: DirectoryDeps, roomId: string, userId: string): Promise<boolean> {
  return (await deps.reader.membership(roomId, userId))?.membership === 'join';
}

/** The power-level slots of a room's current state, read by primary-key seeks. */
async function powerState(deps: DirectoryDeps, roomId: string): Promise<StateLookup> {
  const [create, power] = await Promise.all([
    deps.directory.stateEvent(roomId, 'm.room.create', ''),
    deps.directory.stateEvent(roomId, 'm.room.power_levels', ''),
  ]);
  const slots = new Map([
    ['m.room.create', create],
    ['m.room.power_levels', power],
  ]);
  return (type, stateKey) => {
    const e = stateKey === '' ? slots.get(type) : undefined;
    return e ? { type, state_key: '', sender: e.sender, content: e.content as never } : undefined;
  };
}

/** May the user send m.room.canonical_alias in the room (joined, and at the required level)? */
export async function canSendCanonicalAlias(deps: DirectoryDeps, roomId: string, userId: string): Promise<boolean> {
  if (!(await isJoined(deps, roomId, userId))) return false;
  const state = await powerState(deps, roomId);
  return userPowerLevel(userId, state) >= requiredPowerLevel('m.room.canonical_alias', true, state);
}

/**
 * PUT /directory/room/{roomAlias}: a local alias (else 400 M_INVALID_PARAM) for a room the
 * requester is joined to (else 403 M_FORBIDDEN; a server admin may map any known room, as in
 * Synapse); a taken alias is 409 (the primary key decides races).
 */
export async function setRoomAlias(deps: DirectoryDeps, requester: DirectoryRequester, rawAlias: string, roomId: string): Promise<void> {
  const alias = parseRoomAlias(rawAlias);
  if (alias.server !== deps.serverName) throw invalidParam('Room alias must be on this server');
  parseRoomId(roomId);
  const allowed = requester.isAdmin ? (await deps.directory.isPublic(roomId)) !== undefined : await isJoined(deps, roomId, requester.userId);
  if (!allowed) throw forbidden('You must be in the room to create an alias for it');
  if (!(await deps.aliases.create(alias.alias, roomId, requester.userId, deps.now()))) {
    throw new MatrixError('M_UNKNOWN', `Room alias ${alias.alias} already exists`, { status: 409 });
  }
}

/** GET /directory/room/{roomAlias}: the room and the servers that know it (only this one). */
export async function resolveRoomAlias(deps: DirectoryDeps, rawAlias: string): Promise<{ roomId: string; servers: string[] }> {
  const alias = parseRoomAlias(rawAlias);
  const found = alias.server === deps.serverName ? await deps.aliases.get(alias.alias) : undefined;
  if (!found) throw notFound(`Room alias ${alias.alias} not found`);
  return { roomId: found.roomId, servers: [deps.serverName] };
}

/**
 * DELETE /directory/room/{roomAlias} (Synapse's rule): the alias's creator, a server admin, or
 * a member allowed to send m.room.canonical_alias in its room; else 403 M_FORBIDDEN.
 */
export async function deleteRoomAlias(deps: DirectoryDeps, requester: DirectoryRequester, rawAlias: string): Promise<void> {
  const alias = parseRoomAlias(rawAlias);
  const found = alias.server === deps.serverName ? await deps.aliases.get(alias.alias) : undefined;
  if (!found) throw notFound(`Room alias ${alias.alias} not found`);
  const allowed = found.creator === requester.userId || requester.isAdmin || (await canSendCanonicalAlias(deps, found.roomId, requester.userId));
  if (!allowed) throw forbidden('You may not delete this alias');
  if (!(await deps.aliases.delete(alias.alias))) throw notFound(`Room alias ${alias.alias} not found`);
  await dropFromCanonicalAlias(deps, found.roomId, alias.alias, requester.userId);
}

/**
 * As Synapse does after deleting an alias: when the room's m.room.canonical_alias names it (as
 * `alias` or among `alt_aliases`), a new one without it is sent as the deleting user. If that
 * user may not send it, the event stays as it was: the alias is gone all the same.
 */
async function dropFromCanonicalAlias(deps: DirectoryDeps, roomId: string, alias: string, userId: string): Promise<void> {
  const current = await deps.directory.stateEvent(roomId, 'm.room.canonical_alias', '');
  if (!current) return;
  const content: Record<string, unknown> = { ...current.content };
  const alt = Array.isArray(content['alt_aliases']) ? (content['alt_aliases'] as unknown[]) : undefined;
  const inAlt = alt?.includes(alias) ?? false;
  if (content['alias'] !== alias && !inAlt) return;
  if (content['alias'] === alias) delete content['alias'];
  if (alt && inAlt) content['alt_aliases'] = alt.filter((a) => a !== alias);
  try {
    await setRoomState(deps.rooms, { roomId, sender: userId, type: 'm.room.canonical_alias', stateKey: '', content: content as JsonObject });
  } catch (err) {
    if (!(err instanceof MatrixError && err.errcode === 'M_FORBIDDEN')) throw err;
  }
}

/**
 * GET /rooms/{roomId}/aliases: the room's local aliases, for a joined member or anyone when
 * the room is world-readable (as Synapse); else 403 M_FORBIDDEN.
 */
export async function localAliases(deps: DirectoryDeps, requester: DirectoryRequester, roomId: string): Promise<string[]> {
  parseRoomId(roomId);
  if (!(await isJoined(deps, roomId, requester.userId))) {
    const visibility = await deps.directory.stateEvent(roomId, 'm.room.history_visibility', '');
    if (visibility?.content['history_visibility'] !== 'world_readable') throw forbidden('You are not in this room');
  }
  return deps.aliases.aliasesOfRoom(roomId);
}
