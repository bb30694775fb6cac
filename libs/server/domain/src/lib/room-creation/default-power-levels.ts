import type { JsonObject } from '../json';

/** Power level of the creator (and of trusted_private_chat invitees) in a new v10/v11 room. */
export const ROOM_ADMIN_LEVEL = 100;

/**
 * The initial m.room.power_levels content. Rooms v1–11 list the creator in `users` (v12
 * will not). The `events` map is Synapse's: the room's identity is moderator business, its
 * security settings and upgrade admin business. Unlike Synapse (which sets `invite` 50 for
 * public_chat), `invite` is the spec default 0 for every preset.
 */
export function defaultPowerLevels(creator: string, admins: readonly string[]): JsonObject {
  const users: JsonObject = { [creator]: ROOM_ADMIN_LEVEL };
  for (const admin of admins) users[admin] = ROOM_ADMIN_LEVEL;
  return {
    users,
    users_default: 0,
    events: {
      'm.room.name': 50,
      'm.room.power_levels': 100,
      'm.room.history_visibility': 100,
      'm.room.canonical_alias': 50,
      'm.room.avatar': 50,
      'm.room.tombstone': 100,
      'm.room.server_acl': 100,
      'm.room.encryption': 100,
    },
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: 0,
    notifications: { room: 50 },
  };
}
