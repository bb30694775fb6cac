import type { JsonObject, ReadEvent, UserMembership } from '@courier/server-domain';
import { matchesEventFilter } from '../filter/match-filter';
import { formatEvents } from '../format-events';
import { scanRoom } from '../scan-room';
import { formatRoomToken } from '../tokens';
import { createVisibilityCheck, everJoined, membershipAt } from '../visibility';
import { DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT, type SyncContext } from './sync-context';

const filterable = (e: ReadEvent) => ({ type: e.type, sender: e.sender, roomId: e.roomId, content: e.pdu.content });

/**
 * A joined or left room's section of /sync (sync.yaml, Joined Room / Left Room):
 * - timeline: the newest `limit` visible events after `since` (all history for a room that is
 *   new to the client), `limited` when more exist, `prev_batch` just before the first;
 * - state: the full state at the start of the timeline when the room is new to the client
 *   (initial sync, joined since `since`, or full_state), otherwise only the state changes in the
 *   gap between `since` and the timeline (empty unless limited: changes are in the timeline).
 * A left room's timeline ends at the leave. Returns undefined for a joined room with no news.
 */
export async function roomSection(
  ctx: SyncContext,
  m: UserMembership,
  accountData: JsonObject[],
  ephemeral: JsonObject[] = [],
): Promise<JsonObject | undefined> {
  const { deps, viewer } = ctx;
  const joined = m.membership === 'join';
  const upper = joined ? ctx.head : Math.min(m.stream, ctx.head);
  // Joined since before `since` with no membership change: every new event is visible.
  const joinedThroughout = joined && ctx.sinceEvents !== undefined && m.stream <= ctx.sinceEvents;
  const history = joinedThroughout ? undefined : await deps.reader.accessHistory(m.roomId, viewer.userId);
  const canSee = history ? createVisibilityCheck(history, viewer.userId) : () => true;
  const wasJoined = ctx.sinceEvents !== undefined && (joinedThroughout || (!!history && membershipAt(history, ctx.sinceEvents) === 'join'));
  const lower = wasJoined ? (ctx.sinceEvents ?? 0) : 0;
  const full = ctx.fullState || !wasJoined;

  const timelineFilter = ctx.filter.room?.timeline;
  const limit = Math.min(timelineFilter?.limit ?? DEFAULT_TIMELINE_LIMIT, MAX_TIMELINE_LIMIT);
  const scan = await scanRoom(deps.reader, m.roomId, {
    dir: 'b',
    from: upper,
    to: lower,
    want: limit,
    accept: (e) => canSee(e) && matchesEventFilter(timelineFilter, filterable(e)),
    maxScanned: 1000,
  });
  const timeline = scan.events.reverse();
  const boundary = timeline[0] ? timeline[0].stream - 1 : upper;

  let state: ReadEvent[] = [];
  // Someone only ever invited (then rejecting) learns nothing of the room's state.
  if (history && !everJoined(history)) state = [];
  else if (full) state = await deps.reader.stateAt(m.roomId, boundary);
  else if (boundary > lower) state = await deps.reader.stateAt(m.roomId, boundary, lower);
  state = filterState(ctx, state, timeline, full);

  if (joined && !full && timeline.length === 0 && state.length === 0 && accountData.length === 0 && ephemeral.length === 0) return undefined;

  const section: JsonObject = {
    timeline: {
      events: await formatEvents(deps, viewer, timeline, { omitRoomId: true, withPrevContent: true, bundle: true, canSee }),
      limited: !scan.exhausted,
      prev_batch: formatRoomToken(boundary),
    },
    state: { events: await formatEvents(deps, viewer, state, { omitRoomId: true }) },
    account_data: { events: accountData },
  };
  if (joined) {
    section['ephemeral'] = { events: ephemeral };
    section['unread_notifications'] = { highlight_count: 0, notification_count: 0 };
    const membersChanged = full || [...timeline, ...state].some((e) => e.type === 'm.room.member');
    section['summary'] = membersChanged ? await summary(ctx, m.roomId) : {};
  }
  return section;
}

/**
 * The room.state filter. With lazy_load_members, full state carries only the member events of
 * the timeline's senders and the user's own (the client loads the rest with /members);
 * deltas keep every membership change, as the spec requires for the gap of a limited sync.
 */
function filterState(ctx: SyncContext, state: ReadEvent[], timeline: ReadEvent[], full: boolean): ReadEvent[] {
  const f = ctx.filter.room?.state;
  const senders = new Set([ctx.viewer.userId, ...timeline.map((e) => e.sender)]);
  return state.filter((e) => {
    if (!matchesEventFilter(f, filterable(e))) return false;
    if (full && f?.lazy_load_members && e.type === 'm.room.member') return e.stateKey !== null && senders.has(e.stateKey);
    return true;
  });
}

/** The room summary (m.heroes: up to 5 other members, earliest first; member counts). */
async function summary(ctx: SyncContext, roomId: string): Promise<JsonObject> {
  const s = await ctx.deps.reader.memberSummary(roomId, ctx.viewer.userId, 5);
  return { 'm.heroes': s.heroes, 'm.joined_member_count': s.joined, 'm.invited_member_count': s.invited };
}
