import {
  defaultPushRules,
  evaluatePushRules,
  isJsonObject,
  type JsonObject,
  type PushContext,
  type ReadEvent,
  type Receipt,
  type UserMembership,
} from '@courier/server-domain';
import type { SyncContext } from '../sync/sync-context';

/**
 * Events looked at per room and sync, at most: the counts are exact up to this many unread
 * events and a lower bound past it (clients show "99+" long before).
 */
export const UNREAD_SCAN_LIMIT = 500;
/** Rooms whose counts are remembered per process (oldest forgotten first). */
const CACHE_SIZE = 10_000;

interface Counts {
  notification_count: number;
  highlight_count: number;
}
interface Evaluated {
  /** The user's receipts the counts were made under (any change starts over). */
  receipts: string;
  /** The newest event position the counts include. */
  upTo: number;
  main: Counts;
  threads: Map<string, Counts>;
  /** The user's display name and the joined count, kept until a member event comes by. */
  facts?: RoomFacts;
}
interface RoomFacts {
  displayName: string | undefined;
  memberCount: number;
}

/**
 * Per (user, room): what was counted already, so a sync only evaluates events new since. One
 * cache per receipt store (so per database, also when tests run several in one process).
 */
const caches = new WeakMap<object, Map<string, Evaluated>>();

/**
 * unread_notifications (and unread_thread_notifications when the timeline filter asks) of one
 * joined room, computed lazily at sync time: the user's push rules are evaluated over the
 * room's events after the user's join and after the user's read receipt (m.read or m.read.private, unthreaded or
 * "main"; the newest wins), never over older history, and at most UNREAD_SCAN_LIMIT of them.
 * A thread's events are also cleared by a receipt in that thread. The user's own events never
 * count. Counts are remembered, so the next sync evaluates only the events that came since;
 * a new receipt starts over from it. The send path does no work for this.
 */
export async function unreadCounts(ctx: SyncContext, membership: UserMembership): Promise<JsonObject> {
  const { roomId } = membership;
  const { deps, viewer } = ctx;
  if (!deps.receipts) return {};
  let cache = caches.get(deps.receipts);
  if (!cache) caches.set(deps.receipts, (cache = new Map()));
  const own = await deps.receipts.ownReceipts(viewer.userId, roomId);
  const receipts = own.map((r) => `${r.type}/${r.threadId}/${r.eventStream}`).sort().join(',');
  const key = `${viewer.userId}\u0000${roomId}`;
  let state = cache.get(key);
  if (!state || state.receipts !== receipts || state.upTo > ctx.head) {
    const joined = await joinedSince(ctx, membership);
    state = { receipts, upTo: Math.max(joined, mainFloor(own)), main: zero(), threads: new Map(), ...(state?.facts ? { facts: state.facts } : {}) };
  }
  if (ctx.head > state.upTo) {
    const events = await deps.reader.paginate(roomId, { after: state.upTo, upTo: ctx.head }, 'b', UNREAD_SCAN_LIMIT);
    // The display name and member count change only through m.room.member events, and every
    // event after the counted position is in `events` (unless capped): such an event (or a cap)
    // means reading them again.
    if (events.length === UNREAD_SCAN_LIMIT || events.some((e) => e.type === 'm.room.member')) delete state.facts;
    await countEvents(ctx, roomId, state, events.filter((e) => e.sender !== viewer.userId && e.redactedBy === null), own);
    state.upTo = ctx.head;
  }
  cache.delete(key);
  cache.set(key, state);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return format(ctx, state);
}

/**
 * Where the user's current stay in the room began: the first join after their last
 * non-join membership (a display-name change is a join after a join and does not count).
 */
async function joinedSince(ctx: SyncContext, membership: UserMembership): Promise<number> {
  const history = await ctx.deps.reader.accessHistory(membership.roomId, ctx.viewer.userId);
  let start = membership.stream;
  let previous: string | undefined;
  for (const m of history.memberships) {
    if (m.stream > membership.stream) break;
    if (m.membership === 'join' && previous !== 'join') start = m.stream;
    previous = m.membership;
  }
  return start;
}

const zero = (): Counts => ({ notification_count: 0, highlight_count: 0 });

function mainFloor(own: readonly Receipt[]): number {
  return Math.max(0, ...own.filter((r) => r.threadId === '' || r.threadId === 'main').map((r) => r.eventStream));
}

function threadFloor(own: readonly Receipt[], threadId: string): number {
  return Math.max(0, ...own.filter((r) => r.threadId === threadId).map((r) => r.eventStream));
}

function threadOf(e: ReadEvent): string | undefined {
  const rel = e.pdu.content['m.relates_to'];
  if (!isJsonObject(rel as JsonObject) || (rel as JsonObject)['rel_type'] !== 'm.thread') return undefined;
  const root = (rel as JsonObject)['event_id'];
  return typeof root === 'string' ? root : undefined;
}

async function countEvents(ctx: SyncContext, roomId: string, state: Evaluated, events: ReadEvent[], own: readonly Receipt[]): Promise<void> {
  if (events.length === 0) return;
  state.facts ??= await roomFacts(ctx, roomId);
  const push = await pushContext(ctx, roomId, events, state.facts);
  const rules = defaultPushRules(ctx.viewer.userId);
  for (const e of events) {
    const thread = threadOf(e);
    if (thread !== undefined && e.stream <= threadFloor(own, thread)) continue;
    const out = evaluatePushRules(rules, { roomId, type: e.type, sender: e.sender, stateKey: e.stateKey, content: e.pdu.content }, push(e.sender));
    if (!out.notify) continue;
    let counts = state.main;
    if (thread !== undefined) {
      counts = state.threads.get(thread) ?? zero();
      state.threads.set(thread, counts);
    }
    counts.notification_count++;
    if (out.highlight) counts.highlight_count++;
  }
}

/** The user's display name in the room (contains_display_name) and the joined count (room_member_count). */
async function roomFacts(ctx: SyncContext, roomId: string): Promise<RoomFacts> {
  const { reader } = ctx.deps;
  const [summary, member] = await Promise.all([reader.memberSummary(roomId, ctx.viewer.userId, 0), reader.membership(roomId, ctx.viewer.userId)]);
  const memberEvent = member ? await reader.getEvent(member.eventId) : undefined;
  const name = memberEvent?.pdu.content['displayname'];
  return { displayName: typeof name === 'string' ? name : undefined, memberCount: summary.joined };
}

/**
 * What the rules may look at, per sender. Power levels matter only to
 * sender_notification_permission (room mentions), so the room's state is read only when an
 * event may be one.
 */
async function pushContext(ctx: SyncContext, roomId: string, events: readonly ReadEvent[], facts: RoomFacts): Promise<(sender: string) => PushContext> {
  const { reader } = ctx.deps;
  const mayMentionRoom = events.some((e) => {
    const c = e.pdu.content;
    return (typeof c['body'] === 'string' && c['body'].includes('@room')) || (c['m.mentions'] as JsonObject | undefined)?.['room'] === true;
  });
  const levelsEvent = mayMentionRoom ? (await reader.currentState(roomId)).find((e) => e.type === 'm.room.power_levels' && e.stateKey === '') : undefined;
  const levels = levelsEvent?.pdu.content ?? {};
  const num = (v: unknown, fallback: number) => (typeof v === 'number' ? v : fallback);
  return (sender) => ({
    userId: ctx.viewer.userId,
    displayName: facts.displayName,
    memberCount: facts.memberCount,
    senderPowerLevel: () => num((levels['users'] as JsonObject | undefined)?.[sender], num(levels['users_default'], 0)),
    notificationLevel: (key) => num((levels['notifications'] as JsonObject | undefined)?.[key], 50),
  });
}

function format(ctx: SyncContext, state: Evaluated): JsonObject {
  const perThread = ctx.filter.room?.timeline?.unread_thread_notifications === true;
  if (!perThread) {
    const total = zero();
    for (const c of [state.main, ...state.threads.values()]) {
      total.notification_count += c.notification_count;
      total.highlight_count += c.highlight_count;
    }
    return { unread_notifications: { ...total } };
  }
  const threads: JsonObject = {};
  for (const [root, c] of state.threads) if (c.notification_count > 0) threads[root] = { ...c };
  return { unread_notifications: { ...state.main }, unread_thread_notifications: threads };
}
