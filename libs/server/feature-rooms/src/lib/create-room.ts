import {
  RoomExistsError,
  chainEvents,
  generateRoomId,
  inviteEvent,
  planRoomCreation,
  validateCreateRoomRequest,
  type ChainedEventInput,
  type JsonObject,
  type Profile,
  type RoomAliasStore,
} from '@courier/server-domain';
import { MatrixError } from '@courier/shared-matrix-errors';
import type { RoomDeps } from './room-deps';

/**
 * POST /createRoom: validates the request, plans the initial state from the preset, then
 * writes the room row and every initial event (create, creator's join, power levels, join
 * rules, history visibility, initial_state, name, topic, invites) in one transaction, so a
 * room is never left half-built.
 */
/** What a creation may also use: the alias directory (room_alias_name) and the creator's profile. */
export interface CreateRoomExtras {
  aliases?: RoomAliasStore;
  profile?: Profile;
}

export async function createRoom(deps: RoomDeps, creator: string, body: unknown, extras: CreateRoomExtras = {}): Promise<{ roomId: string }> {
  const { aliases, profile } = extras;
  const request = validateCreateRoomRequest(body);
  const plan = planRoomCreation(request, creator, deps.serverName);
  // room_alias_name: a taken alias is refused before the room exists (400 M_ROOM_IN_USE).
  if (plan.alias && aliases && (await aliases.get(plan.alias))) throw aliasInUse();
  // The creator's join carries its profile, like any join (as Synapse).
  const withProfile = (e: { type: string; state_key: string; content: JsonObject }): JsonObject => {
    if (!profile || e.type !== 'm.room.member' || e.state_key !== creator || e.content['membership'] !== 'join') return e.content;
    const content: JsonObject = { ...e.content };
    if (profile.displayname !== null) content['displayname'] = profile.displayname;
    if (profile.avatarUrl !== null) content['avatar_url'] = profile.avatarUrl;
    return content;
  };
  const inputs: ChainedEventInput[] = [
    ...plan.events.map((e) => ({ type: e.type, stateKey: e.state_key, sender: creator, content: withProfile(e) })),
    ...plan.invites.map((userId) => {
      const e = inviteEvent(userId, plan.isDirect);
      return { type: e.type, stateKey: e.state_key, sender: creator, content: e.content };
    }),
  ];
  for (let attempt = 0; ; attempt++) {
    const roomId = generateRoomId(deps.serverName);
    try {
      await deps.events.append(
        roomId,
        (snapshot) => chainEvents(snapshot, inputs, { now: deps.now(), serverName: deps.serverName, signingKey: deps.signingKey }),
        { newRoom: { roomId, roomVersion: plan.roomVersion, creator, isPublic: plan.visibility === 'public' } },
      );
      // Of two creations racing for one alias, the primary key lets one have it.
      if (plan.alias && aliases && !(await aliases.create(plan.alias, roomId, creator, deps.now()))) throw aliasInUse();
      return { roomId };
    } catch (err) {
      // 96 random bits collide only in theory; try a fresh ID rather than fail.
      if (err instanceof RoomExistsError && attempt < 3) continue;
      throw err;
    }
  }
}

const aliasInUse = () => new MatrixError('M_ROOM_IN_USE', 'Room alias already taken');
