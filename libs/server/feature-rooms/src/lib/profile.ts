import { forbidden, missingParam, notFound } from '@courier/shared-matrix-errors';
import {
  RoomNotFoundError,
  buildRoomEvent,
  canonicalJson,
  parseAvatarUrl,
  parseDisplayname,
  type JsonObject,
  type Profile,
  type ProfileStore,
} from '@courier/server-domain';
import type { RoomDeps } from './room-deps';

/** Profiles, and the rooms a profile change is copied into. */
export interface ProfileDeps {
  rooms: RoomDeps;
  profiles: ProfileStore;
  /** The rooms the user is joined to now. */
  joinedRooms(userId: string): Promise<string[]>;
}

export type ProfileField = 'displayname' | 'avatar_url';

function profileBody(p: Profile): JsonObject {
  const out: JsonObject = {};
  if (p.displayname !== null) out['displayname'] = p.displayname;
  if (p.avatarUrl !== null) out['avatar_url'] = p.avatarUrl;
  return out;
}

async function requireProfile(deps: ProfileDeps, userId: string): Promise<Profile> {
  const profile = await deps.profiles.getProfile(userId);
  if (!profile) throw notFound('Profile was not found');
  return profile;
}

/** GET /profile/{userId} (profile.yaml): the fields that are set; 404 M_NOT_FOUND for no such user. */
export async function getProfile(deps: ProfileDeps, userId: string): Promise<JsonObject> {
  return profileBody(await requireProfile(deps, userId));
}

/** GET /profile/{userId}/displayname and /avatar_url: `{}` when unset (as Synapse), 404 for no such user. */
export async function getProfileField(deps: ProfileDeps, userId: string, field: ProfileField): Promise<JsonObject> {
  const body = profileBody(await requireProfile(deps, userId));
  return field in body ? { [field]: body[field] as string } : {};
}

/**
 * PUT /profile/{userId}/displayname and /avatar_url: one's own profile only (403), the value
 * checked (length; an mxc:// URI for the avatar), stored, then copied into a new m.room.member
 * event in each room the user is joined to (as Synapse), appended like any state event under
 * the room's lock by the room version's auth rules. A room where that is refused is skipped.
 */
export async function setProfileField(
  deps: ProfileDeps,
  requester: { userId: string },
  input: { userId: string; field: ProfileField; body: Record<string, unknown> },
): Promise<JsonObject> {
  if (input.userId !== requester.userId) throw forbidden(`Cannot set another user's ${input.field}`);
  if (!(input.field in input.body)) throw missingParam(`Missing key '${input.field}'`);
  const value = input.field === 'displayname' ? parseDisplayname(input.body['displayname']) : parseAvatarUrl(input.body['avatar_url']);
  await requireProfile(deps, input.userId);
  await deps.profiles.setProfile(input.userId, input.field === 'displayname' ? { displayname: value } : { avatarUrl: value });
  const profile = await requireProfile(deps, input.userId);
  for (const roomId of await deps.joinedRooms(input.userId)) {
    await copyProfileIntoRoom(deps.rooms, roomId, input.userId, profile);
  }
  return {};
}

/** The user's m.room.member event in the room, re-sent with the profile; nothing if unchanged or not joined. */
export async function copyProfileIntoRoom(deps: RoomDeps, roomId: string, userId: string, profile: Profile): Promise<void> {
  try {
    await deps.events.append(roomId, (snapshot) => {
      const current = snapshot.state('m.room.member', userId);
      if (current?.content['membership'] !== 'join') return [];
      const content: JsonObject = { membership: 'join', ...profileBody(profile) };
      if (canonicalJson(content) === canonicalJson(current.content)) return [];
      return [
        buildRoomEvent(snapshot, snapshot.state, {
          type: 'm.room.member',
          stateKey: userId,
          sender: userId,
          content,
          now: deps.now(),
          serverName: deps.serverName,
          signingKey: deps.signingKey,
        }),
      ];
    });
  } catch (err) {
    // Left, or refused by the room's rules since: that room keeps the old profile (Synapse logs and goes on).
    if (err instanceof RoomNotFoundError || (err as { errcode?: string }).errcode === 'M_FORBIDDEN') return;
    throw err;
  }
}
