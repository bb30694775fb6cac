import type { JsonObject } from '../json';
import type { ReadEvent } from '../ports/event-reader';

export interface RoomMemberView {
  userId: string;
  membership: string;
  displayname: string | null;
  avatarUrl: string | null;
  eventId: string;
}

export interface RoomStateSummary {
  name: string | null;
  topic: string | null;
  avatarUrl: string | null;
  canonicalAlias: string | null;
  joinRule: string | null;
  historyVisibility: string | null;
  guestAccess: string | null;
  /** The m.room.encryption algorithm, or null for an unencrypted room. */
  encryption: string | null;
  /** The content of m.room.power_levels, as stored. */
  powerLevels: JsonObject | null;
  /** Members per membership (join, invite, leave, ban, knock). */
  memberships: Record<string, number>;
  /** Current state events per type. */
  stateTypes: Record<string, number>;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A room's current state, as one summary for admins (pure: the caller reads the state). */
export function summarizeRoomState(state: readonly ReadEvent[]): RoomStateSummary {
  const content = (type: string): JsonObject | undefined => state.find((e) => e.type === type && e.stateKey === '')?.pdu.content;
  const memberships: Record<string, number> = {};
  const stateTypes: Record<string, number> = {};
  for (const e of state) {
    stateTypes[e.type] = (stateTypes[e.type] ?? 0) + 1;
    if (e.type === 'm.room.member') {
      const m = str(e.pdu.content['membership']) ?? 'unknown';
      memberships[m] = (memberships[m] ?? 0) + 1;
    }
  }
  return {
    name: str(content('m.room.name')?.['name']),
    topic: str(content('m.room.topic')?.['topic']),
    avatarUrl: str(content('m.room.avatar')?.['url']),
    canonicalAlias: str(content('m.room.canonical_alias')?.['alias']),
    joinRule: str(content('m.room.join_rules')?.['join_rule']),
    historyVisibility: str(content('m.room.history_visibility')?.['history_visibility']),
    guestAccess: str(content('m.room.guest_access')?.['guest_access']),
    encryption: str(content('m.room.encryption')?.['algorithm']),
    powerLevels: content('m.room.power_levels') ?? null,
    memberships,
    stateTypes,
  };
}

/** The m.room.member state of a room, one entry per user, ordered by user ID. */
export function roomMembers(state: readonly ReadEvent[]): RoomMemberView[] {
  return state
    .filter((e) => e.type === 'm.room.member' && e.stateKey !== null)
    .map((e) => ({
      userId: e.stateKey ?? '',
      membership: str(e.pdu.content['membership']) ?? 'unknown',
      displayname: str(e.pdu.content['displayname']),
      avatarUrl: str(e.pdu.content['avatar_url']),
      eventId: e.eventId,
    }))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}
