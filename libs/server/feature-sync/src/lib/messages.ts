import { invalidParam } from '@courier/shared-matrix-errors';
import { parseRoomId, type JsonObject, type ReadEvent } from '@courier/server-domain';
import type { RoomEventFilter } from './filter/filter-types';
import { matchesEventFilter } from './filter/match-filter';
import { parseJsonParam, parseRoomEventFilter } from './filter/parse-filter';
import { formatEvents } from './format-events';
import { intParam, stringParam } from './query-params';
import type { QueryParams, ReadingDeps, Viewer } from './reading-deps';
import { assertMayPaginate, loadRoomAccess } from './room-access';
import { scanRoom } from './scan-room';
import { formatRoomToken, parseRoomToken } from './tokens';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

function parseDir(query: QueryParams): 'b' | 'f' {
  // Required since v1.3, but older clients omit it: backwards is what they mean.
  const dir = stringParam(query, 'dir') ?? 'b';
  if (dir !== 'b' && dir !== 'f') throw invalidParam('dir must be "b" or "f"');
  return dir;
}

/**
 * GET /rooms/{roomId}/messages (message_pagination.yaml). Tokens are events-stream positions
 * (`s{n}` = just after the event at n), so a page boundary never moves: paging backwards then
 * forwards visits every visible event exactly once. `end` is omitted once the range is used up.
 * Events the requester may not see are stepped over (see createVisibilityCheck); a former
 * member's pages stop at their leave.
 */
export async function paginateMessages(deps: ReadingDeps, viewer: Viewer, rawRoomId: string, query: QueryParams): Promise<JsonObject> {
  const roomId = parseRoomId(rawRoomId);
  const dir = parseDir(query);
  const fromParam = stringParam(query, 'from');
  const toParam = stringParam(query, 'to');
  const fromToken = fromParam !== undefined && fromParam !== '' ? parseRoomToken(fromParam) : undefined;
  const toToken = toParam !== undefined && toParam !== '' ? parseRoomToken(toParam) : undefined;
  const filterText = stringParam(query, 'filter');
  const filter: RoomEventFilter = filterText ? parseRoomEventFilter(parseJsonParam(filterText)) : {};
  const limit = Math.min(intParam(query, 'limit', MAX_LIMIT) ?? filter.limit ?? DEFAULT_LIMIT, MAX_LIMIT);

  const { events: head } = await deps.reader.positions();
  const access = await loadRoomAccess(deps, roomId, viewer.userId);
  assertMayPaginate(access);
  const ceiling = Math.min(head, access.ceiling ?? head);

  const start = fromToken ?? (dir === 'b' ? ceiling : 0);
  const scan = await scanRoom(deps.reader, roomId, {
    dir,
    from: dir === 'b' ? Math.min(start, ceiling) : start,
    to: dir === 'b' ? (toToken ?? 0) : Math.min(toToken ?? ceiling, ceiling),
    want: limit,
    accept: (e) => access.canSee(e) && matchesEventFilter(filter, { type: e.type, sender: e.sender, content: e.pdu.content }),
  });

  const response: JsonObject = {
    chunk: await formatEvents(deps, viewer, scan.events, { withPrevContent: true, bundle: true, canSee: access.canSee }),
    start: fromParam || formatRoomToken(start),
  };
  if (!scan.exhausted) response['end'] = formatRoomToken(scan.cursor);
  if (filter.lazy_load_members) response['state'] = await senderMembers(deps, viewer, roomId, scan.events);
  return response;
}

/** Lazy-loading members: the current member events of the chunk's senders. */
async function senderMembers(deps: ReadingDeps, viewer: Viewer, roomId: string, events: readonly ReadEvent[]): Promise<JsonObject[]> {
  const senders = new Set(events.map((e) => e.sender));
  if (senders.size === 0) return [];
  const state = await deps.reader.currentState(roomId);
  return formatEvents(deps, viewer, state.filter((e) => e.type === 'm.room.member' && e.stateKey !== null && senders.has(e.stateKey)));
}
