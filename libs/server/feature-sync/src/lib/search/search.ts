import { badJson, invalidParam } from '@courier/shared-matrix-errors';
import { isJsonObject, type JsonObject, type JsonValue, type ReadEvent, type SearchQuery } from '@courier/server-domain';
import type { RoomEventFilter } from '../filter/filter-types';
import { matchesEventFilter } from '../filter/match-filter';
import { parseRoomEventFilter } from '../filter/parse-filter';
import { formatEvents } from '../format-events';
import type { ReadingDeps, Viewer } from '../reading-deps';
import { loadRoomAccess, type RoomAccess } from '../room-access';
import { scanRoom } from '../scan-room';
import { formatRoomToken } from '../tokens';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
const MAX_TERMS = 16;
const MAX_CONTEXT = 20;
const DEFAULT_CONTEXT = 5;
const KEYS = ['content.body', 'content.name', 'content.topic'];
/** `r{offset}` continues a rank-ordered search, `s{stream}` a recent-ordered one. */
const NEXT_BATCH = /^([rs])(0|[1-9]\d{0,14})$/;

interface ContextRequest {
  before: number;
  after: number;
  includeProfile: boolean;
}

interface RoomEventsCriteria {
  terms: string[];
  keys: string[];
  filter: RoomEventFilter;
  orderBy: 'rank' | 'recent';
  context: ContextRequest | undefined;
  includeState: boolean;
  /** The filter's `include_leave` (as Synapse reads it): search rooms the user left too. */
  includeLeave: boolean;
}

function contextLimit(o: JsonObject, key: string): number {
  const v = o[key];
  if (v === undefined) return DEFAULT_CONTEXT;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw badJson(`event_context.${key} must be a non-negative integer`);
  return Math.min(v, MAX_CONTEXT);
}

/** The words of a search term: letters and digits, each matched as a prefix, all required. */
export function searchTerms(term: string): string[] {
  return [...new Set((term.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS))];
}

function parseCriteria(body: Record<string, unknown>): RoomEventsCriteria | undefined {
  const categories = body['search_categories'];
  if (!isJsonObject(categories)) throw badJson('search_categories must be an object');
  const room = categories['room_events'];
  if (room === undefined) return undefined;
  if (!isJsonObject(room)) throw badJson('search_categories.room_events must be an object');
  const term = room['search_term'];
  if (typeof term !== 'string') throw badJson('room_events.search_term must be a string');
  const keys = room['keys'] ?? KEYS;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string' || !KEYS.includes(k))) {
    throw badJson(`room_events.keys must list some of ${KEYS.join(', ')}`);
  }
  const orderBy = room['order_by'] ?? 'rank';
  if (orderBy !== 'rank' && orderBy !== 'recent') throw badJson('room_events.order_by must be "rank" or "recent"');
  const ctx = room['event_context'];
  if (ctx !== undefined && !isJsonObject(ctx)) throw badJson('room_events.event_context must be an object');
  const includeState = room['include_state'];
  if (includeState !== undefined && typeof includeState !== 'boolean') throw badJson('room_events.include_state must be a boolean');
  return {
    terms: searchTerms(term),
    keys: keys as string[],
    filter: room['filter'] === undefined ? {} : parseRoomEventFilter(room['filter'], 'room_events.filter'),
    orderBy,
    context: ctx
      ? { before: contextLimit(ctx, 'before_limit'), after: contextLimit(ctx, 'after_limit'), includeProfile: ctx['include_profile'] === true }
      : undefined,
    includeState: includeState === true,
    includeLeave: isJsonObject(room['filter']) && room['filter']['include_leave'] === true,
  };
}

/**
 * POST /search (search.yaml), category room_events: the events of the rooms the requester is
 * joined to whose content.body / name / topic contain every word of `search_term` (as
 * prefixes), from each database's full-text index (see SearchReader). History visibility
 * applies to each result (an event from before a `joined`-visibility join is left out).
 * `order_by` rank (best first) or recent (newest first); `next_batch` (query parameter) pages
 * on. `event_context` adds events before/after each result and, with include_profile, the
 * senders' current display names and avatars. The filter's rooms/not_rooms/types/senders
 * apply, and its include_leave adds the rooms the user left (up to the leave); groupings are not supported (no `groups` in the answer).
 */
export async function searchRoomEvents(deps: ReadingDeps, viewer: Viewer, body: Record<string, unknown>, nextBatch: string | undefined): Promise<JsonObject> {
  const criteria = parseCriteria(body);
  if (!criteria) return { search_categories: {} };
  let offset = 0;
  let before = Number.MAX_SAFE_INTEGER;
  if (nextBatch !== undefined && nextBatch !== '') {
    const m = NEXT_BATCH.exec(nextBatch);
    if (!m || (m[1] === 'r') !== (criteria.orderBy === 'rank')) throw invalidParam('Invalid next_batch');
    if (m[1] === 'r') offset = Number(m[2]);
    else before = Number(m[2]);
  }
  const { filter } = criteria;
  const limit = Math.min(filter.limit ?? DEFAULT_LIMIT, MAX_LIMIT);
  const rooms = filter.rooms?.filter((r) => !filter.not_rooms?.includes(r));
  const query: SearchQuery = {
    userId: viewer.userId,
    terms: criteria.terms,
    keys: criteria.keys,
    ...(rooms !== undefined ? { rooms } : {}),
    ...(criteria.includeLeave ? { includeLeave: true } : {}),
    orderBy: criteria.orderBy,
    limit: limit + 1,
    offset,
    before,
  };
  const [hits, count] = await Promise.all([deps.search.search(query), deps.search.count(query)]);
  const page = hits.slice(0, limit);

  const access = new Map<string, RoomAccess>();
  for (const roomId of new Set(page.map((h) => h.event.roomId))) access.set(roomId, await loadRoomAccess(deps, roomId, viewer.userId));
  const visible = page.filter(({ event: e }) => {
    if (filter.not_rooms?.includes(e.roomId)) return false;
    if (!matchesEventFilter(filter, { type: e.type, sender: e.sender, content: e.pdu.content })) return false;
    return access.get(e.roomId)?.canSee(e) ?? false;
  });

  const formatted = await formatEvents(
    deps,
    viewer,
    visible.map((h) => h.event),
    { bundle: true, canSee: (e) => access.get(e.roomId)?.canSee(e) ?? false },
  );
  const results: JsonValue[] = [];
  for (const [i, hit] of visible.entries()) {
    const result: JsonObject = { rank: hit.rank, result: formatted[i] as JsonObject };
    if (criteria.context) result['context'] = await eventContext(deps, viewer, hit.event, access.get(hit.event.roomId) as RoomAccess, criteria.context);
    results.push(result);
  }
  const roomEvents: JsonObject = { count, highlights: criteria.terms, results };
  const last = page[page.length - 1];
  if (hits.length > limit && last) roomEvents['next_batch'] = criteria.orderBy === 'rank' ? `r${offset + limit}` : `s${last.event.stream}`;
  if (criteria.includeState) {
    const state: JsonObject = {};
    for (const roomId of access.keys()) state[roomId] = await formatEvents(deps, viewer, await deps.reader.currentState(roomId));
    roomEvents['state'] = state;
  }
  return { search_categories: { room_events: roomEvents } };
}

/** A result's event_context: events either side (visibility applied), tokens and profiles. */
async function eventContext(deps: ReadingDeps, viewer: Viewer, event: ReadEvent, access: RoomAccess, want: ContextRequest): Promise<JsonObject> {
  const { events: head } = await deps.reader.positions();
  const ceiling = Math.max(event.stream, Math.min(head, access.ceiling ?? head));
  const accept = (e: ReadEvent) => access.canSee(e);
  const [before, after] = await Promise.all([
    scanRoom(deps.reader, event.roomId, { dir: 'b', from: event.stream - 1, to: 0, want: want.before, accept }),
    scanRoom(deps.reader, event.roomId, { dir: 'f', from: event.stream, to: ceiling, want: want.after, accept }),
  ]);
  const context: JsonObject = {
    events_before: await formatEvents(deps, viewer, before.events),
    events_after: await formatEvents(deps, viewer, after.events),
    start: formatRoomToken(before.cursor),
    end: formatRoomToken(after.cursor),
  };
  if (want.includeProfile) {
    const senders = new Set([event, ...before.events, ...after.events].map((e) => e.sender));
    const profiles: JsonObject = {};
    for (const m of await deps.reader.currentState(event.roomId)) {
      if (m.type !== 'm.room.member' || m.stateKey === null || !senders.has(m.stateKey)) continue;
      const profile: JsonObject = {};
      if (typeof m.pdu.content['displayname'] === 'string') profile['displayname'] = m.pdu.content['displayname'];
      if (typeof m.pdu.content['avatar_url'] === 'string') profile['avatar_url'] = m.pdu.content['avatar_url'];
      profiles[m.stateKey] = profile;
    }
    context['profile_info'] = profiles;
  }
  return context;
}
