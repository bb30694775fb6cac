import { toStrippedStateEvent, type JsonObject, type UserMembership } from '@courier/server-domain';
import { formatEvents } from '../format-events';
import type { SyncContext } from './sync-context';

/** The state an invitee may see before joining (the spec's recommended stripped state). */
const STRIPPED_TYPES = new Set([
  'm.room.create',
  'm.room.join_rules',
  'm.room.name',
  'm.room.avatar',
  'm.room.canonical_alias',
  'm.room.encryption',
  'm.room.topic',
]);

/**
 * An invited room's section (sync.yaml, Invited Room): stripped state as of the invite, the
 * inviter's member event (clients show who invited), then the invite event itself in full so
 * clients get its timestamp and ID, as Synapse sends it.
 */
export async function inviteSection(ctx: SyncContext, m: UserMembership): Promise<JsonObject | undefined> {
  const invite = await ctx.deps.reader.getEvent(m.eventId);
  if (!invite) return undefined;
  const state = await ctx.deps.reader.stateAt(m.roomId, m.stream);
  const stripped = state
    .filter((e) => (e.stateKey === '' && STRIPPED_TYPES.has(e.type)) || (e.type === 'm.room.member' && e.stateKey === invite.sender && e.stateKey !== ctx.viewer.userId))
    .map((e) => toStrippedStateEvent(e.pdu));
  const [inviteEvent] = await formatEvents(ctx.deps, ctx.viewer, [invite], { omitRoomId: true });
  return { invite_state: { events: inviteEvent ? [...stripped, inviteEvent] : stripped } };
}
