import { forbidden, notFound } from '@courier/shared-matrix-errors';
import { RoomNotFoundError, buildRoomEvent, type JsonObject } from '@courier/server-domain';
import type { RoomDeps } from './room-deps';

export type MembershipAction = 'join' | 'invite' | 'leave' | 'kick' | 'ban' | 'unban';

export interface MembershipChange {
  roomId: string;
  sender: string;
  action: MembershipAction;
  /** The affected user; the sender for join and leave. */
  target: string;
  reason?: string;
  displayname?: string | null;
  /** Carried on a join with the display name (the user's profile). */
  avatarUrl?: string | null;
}

const MEMBERSHIP_OF: Record<MembershipAction, string> = {
  join: 'join',
  invite: 'invite',
  leave: 'leave',
  kick: 'leave',
  ban: 'ban',
  unban: 'leave',
};

/**
 * Join, invite, leave, kick, ban and unban: one m.room.member event each, decided by the room
 * version's membership auth rules against current state under the room lock. A join by a
 * member already joined changes nothing (no duplicate event), as in Synapse. An unknown room
 * is 404 for join (nothing to join) and 403 otherwise.
 */
export async function changeMembership(deps: RoomDeps, change: MembershipChange): Promise<{ eventId: string | null }> {
  const membership = MEMBERSHIP_OF[change.action];
  try {
    const appended = await deps.events.append(change.roomId, (snapshot) => {
      const current = snapshot.state('m.room.member', change.target);
      if (change.action === 'unban' && current?.content['membership'] !== 'ban') {
        throw forbidden(`${change.target} is not banned`);
      }
      if (change.action === 'kick' && current?.content['membership'] === 'ban') {
        throw forbidden(`${change.target} is banned, not a member`);
      }
      if (change.action === 'join' && current?.content['membership'] === 'join') return [];
      const content: JsonObject = { membership };
      if (change.reason !== undefined) content['reason'] = change.reason;
      if (change.action === 'join' && change.displayname) content['displayname'] = change.displayname;
      if (change.action === 'join' && change.avatarUrl) content['avatar_url'] = change.avatarUrl;
      const built = buildRoomEvent(snapshot, snapshot.state, {
        type: 'm.room.member',
        stateKey: change.target,
        sender: change.sender,
        content,
        now: deps.now(),
        serverName: deps.serverName,
        signingKey: deps.signingKey,
      });
      return [built];
    });
    return { eventId: appended[0]?.eventId ?? null };
  } catch (err) {
    if (err instanceof RoomNotFoundError) {
      throw change.action === 'join' ? notFound('No such room') : forbidden('You are not in this room, or it does not exist');
    }
    throw err;
  }
}

/**
 * Account deactivation: the user leaves each given room (joined, invited or knocking), one
 * m.room.member leave each through the same path as POST /leave. A room that refuses is skipped.
 */
export async function leaveRooms(deps: RoomDeps, userId: string, roomIds: readonly string[]): Promise<void> {
  for (const roomId of roomIds) {
    try {
      await changeMembership(deps, { roomId, sender: userId, target: userId, action: 'leave' });
    } catch (err) {
      if ((err as { errcode?: string }).errcode !== 'M_FORBIDDEN') throw err;
    }
  }
}
