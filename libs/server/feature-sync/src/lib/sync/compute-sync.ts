import type { JsonObject, UserMembership } from '@courier/server-domain';
import type { SyncFilter } from '../filter/filter-types';
import { roomAllowed } from '../filter/match-filter';
import type { ReadingDeps, Viewer } from '../reading-deps';
import { formatSyncToken, type SyncToken } from '../tokens';
import { deviceSection } from './device-section';
import { deviceListsSection } from './device-lists-section';
import { inviteSection } from './invite-section';
import { presenceSection } from './presence-section';
import { roomSection } from './room-section';
import { receiptSection } from '../receipts/receipt-section';
import { typingSection } from '../typing/typing-section';
import { unreadCounts } from '../unread/unread-counts';
import type { SyncContext } from './sync-context';

export interface SyncPass {
  response: JsonObject;
  /** Nothing for the client: a long-poll keeps waiting. */
  empty: boolean;
  joinedRoomIds: string[];
}

/**
 * One /sync answer as of the positions read first. Rooms are chosen as Synapse and Dendrite
 * do: joined rooms with new events, account data or a membership change since `since` (all of
 * them for an initial or full-state sync); invites and leaves that happened since `since`;
 * left rooms on an initial sync only with `include_leave`.
 */
export async function computeSync(
  deps: ReadingDeps,
  viewer: Viewer,
  request: { filter: SyncFilter; since: SyncToken | undefined; fullState: boolean },
): Promise<SyncPass> {
  const pos = await deps.reader.positions();
  const presencePos = await deps.presence.position();
  const { since, fullState, filter } = request;
  const sinceEvents = since ? Math.min(since.events, pos.events) : undefined;
  const ctx: SyncContext = { deps, viewer, filter, sinceEvents, fullState, head: pos.events };
  const memberships = await membershipsAsOf(ctx, pos.events);
  const device = await deviceSection(ctx, since, pos);
  const keys = await deviceListsSection(ctx, since, pos);
  const incremental = sinceEvents !== undefined && !fullState;
  const withEvents = incremental ? await deps.reader.joinedRoomsWithEvents(viewer.userId, { after: sinceEvents, upTo: pos.events }) : undefined;
  const includeLeave = filter.room?.include_leave ?? false;
  const forgotten = await deps.profiles.forgottenRooms(viewer.userId);
  const receipts = await receiptSection(ctx, since?.receipts);
  const typing = await typingSection(ctx, since?.typing, memberships);
  const ephemeralOf = (roomId: string) => [receipts.byRoom.get(roomId), typing.byRoom.get(roomId)].filter((e) => e !== undefined);

  const join: JsonObject = {};
  const invite: JsonObject = {};
  const leave: JsonObject = {};
  const sectionOf = async (m: UserMembership): Promise<void> => {
    if (!roomAllowed(filter.room, m.roomId)) return;
    const changed = sinceEvents === undefined || m.stream > sinceEvents;
    const accountData = device.roomAccountData.get(m.roomId) ?? [];
    if (m.membership === 'join') {
      const ephemeral = ephemeralOf(m.roomId);
      if (incremental && !changed && !withEvents?.has(m.roomId) && accountData.length === 0 && ephemeral.length === 0) return;
      const section = await roomSection(ctx, m, accountData, ephemeral);
      if (section) join[m.roomId] = { ...section, ...(await unreadCounts(ctx, m)) };
    } else if (m.membership === 'invite') {
      const section = changed ? await inviteSection(ctx, m) : undefined;
      if (section) invite[m.roomId] = section;
    } else if (m.membership === 'leave' || m.membership === 'ban') {
      if ((forgotten.get(m.roomId) ?? -1) >= m.stream) return; // forgotten (POST /forget) since this membership
      const wanted = sinceEvents === undefined || fullState ? includeLeave || (fullState && changed) : changed;
      const section = wanted ? await roomSection(ctx, m, accountData) : undefined;
      if (section) leave[m.roomId] = section;
    }
  };
  await forEachConcurrently(memberships, ROOM_CONCURRENCY, sectionOf);
  const presence = await presenceSection(ctx, since?.presence ?? 0, presencePos);

  const empty =
    Object.keys(join).length + Object.keys(invite).length + Object.keys(leave).length === 0 &&
    device.toDevice.length === 0 &&
    device.globalAccountData.length === 0 &&
    presence.events.length === 0 &&
    keys.deviceLists.changed.length + keys.deviceLists.left.length === 0;
  // One line per stream, in token order (see tokens.ts); a stream not served yet stays at 0.
  const next: SyncToken = {
    events: pos.events,
    toDevice: device.nextToDevice,
    accountData: pos.accountData,
    deviceLists: pos.deviceLists,
    receipts: receipts.next,
    typing: typing.next,
    presence: presence.next,
  };
  const response: JsonObject = {
    next_batch: formatSyncToken(next),
    rooms: { join, invite, leave, knock: {} },
    account_data: { events: device.globalAccountData },
    to_device: { events: device.toDevice },
    presence: { events: presence.events },
    device_lists: { changed: keys.deviceLists.changed, left: keys.deviceLists.left },
    device_one_time_keys_count: device.oneTimeKeyCounts,
    device_unused_fallback_key_types: keys.unusedFallbackKeyTypes,
  };
  const joinedRoomIds = memberships.filter((m) => m.membership === 'join').map((m) => m.roomId);
  return { response, empty, joinedRoomIds };
}

/**
 * Rooms are independent reads: a few at a time overlap PostgreSQL round trips (SQLite's
 * driver is synchronous, so there it changes nothing) without taking the whole pool.
 */
const ROOM_CONCURRENCY = 4;

async function forEachConcurrently<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The user's memberships as of `head`. A membership committed after `head` was read belongs to
 * the next sync, so such a room is seen with the membership it had at `head` (or not at all).
 */
async function membershipsAsOf(ctx: SyncContext, head: number): Promise<UserMembership[]> {
  const out: UserMembership[] = [];
  for (const m of await ctx.deps.reader.roomsOfUser(ctx.viewer.userId)) {
    if (m.stream <= head) {
      out.push(m);
      continue;
    }
    const history = await ctx.deps.reader.accessHistory(m.roomId, ctx.viewer.userId);
    const prior = history.memberships.filter((h) => h.stream <= head).pop();
    if (prior) out.push({ roomId: m.roomId, membership: prior.membership, eventId: prior.eventId, stream: prior.stream });
  }
  return out;
}
