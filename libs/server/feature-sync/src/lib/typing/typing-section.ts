import type { JsonObject, UserMembership } from '@courier/server-domain';
import { matchesEventFilter, roomAllowed } from '../filter/match-filter';
import type { SyncContext } from '../sync/sync-context';

export interface TypingSection {
  /** One m.typing ephemeral event per joined room whose typers changed. */
  byRoom: Map<string, JsonObject>;
  /** The typing position the next token carries. */
  next: number;
}

/**
 * The m.typing ephemeral events of one /sync (typing module): for each joined room whose set
 * of typing users changed after `since` (each room with someone typing on an initial sync),
 * `{user_ids: [...]}`, an empty list when typing stopped.
 */
export async function typingSection(ctx: SyncContext, since: number | undefined, memberships: readonly UserMembership[]): Promise<TypingSection> {
  const store = ctx.deps.typing;
  if (!store) return { byRoom: new Map(), next: 0 };
  const roomFilter = ctx.filter.room;
  const rooms = memberships
    .filter((m) => m.membership === 'join' && roomAllowed(roomFilter, m.roomId))
    .filter((m) => matchesEventFilter(roomFilter?.ephemeral, { type: 'm.typing', roomId: m.roomId }))
    .map((m) => m.roomId);
  const initial = since === undefined || ctx.fullState;
  const changes = await store.changes(rooms, initial ? undefined : since);
  const byRoom = new Map<string, JsonObject>();
  for (const [roomId, userIds] of changes.rooms) byRoom.set(roomId, { type: 'm.typing', content: { user_ids: userIds } });
  return { byRoom, next: changes.position };
}
