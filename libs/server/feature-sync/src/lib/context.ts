import { notFound } from '@courier/shared-matrix-errors';
import { parseRoomId, type JsonObject, type ReadEvent } from '@courier/server-domain';
import type { RoomEventFilter } from './filter/filter-types';
import { matchesEventFilter } from './filter/match-filter';
import { parseJsonParam, parseRoomEventFilter } from './filter/parse-filter';
import { formatEvents } from './format-events';
import { intParam, stringParam } from './query-params';
import type { QueryParams, ReadingDeps, Viewer } from './reading-deps';
import { loadRoomAccess } from './room-access';
import { scanRoom } from './scan-room';
import { formatRoomToken } from './tokens';

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 1000;

/**
 * GET /rooms/{roomId}/context/{eventId} (event_context.yaml). `limit` is split as Synapse does:
 * floor(limit/2) events before, the rest after. The filter and the visibility rules apply to
 * both sides (hidden events are stepped over, never counted); an event the requester may not
 * see answers 404 M_NOT_FOUND, the same as an unknown one. `start`/`end` are /messages tokens
 * (paginate backwards from `start`, forwards from `end`); `state` is the room's state at the
 * last event returned (with `lazy_load_members`, only the members who sent the events returned).
 */
export async function getEventContext(deps: ReadingDeps, viewer: Viewer, rawRoomId: string, eventId: string, query: QueryParams): Promise<JsonObject> {
  const roomId = parseRoomId(rawRoomId);
  const filterText = stringParam(query, 'filter');
  const filter: RoomEventFilter = filterText ? parseRoomEventFilter(parseJsonParam(filterText)) : {};
  const limit = intParam(query, 'limit', MAX_LIMIT) ?? DEFAULT_LIMIT;

  const event = await deps.reader.getEvent(eventId);
  if (!event || event.roomId !== roomId) throw notFound('Event not found');
  const access = await loadRoomAccess(deps, roomId, viewer.userId);
  if (!access.canSee(event)) throw notFound('Event not found');

  const { events: head } = await deps.reader.positions();
  const ceiling = Math.max(event.stream, Math.min(head, access.ceiling ?? head));
  const accept = (e: ReadEvent) => access.canSee(e) && matchesEventFilter(filter, { type: e.type, sender: e.sender, content: e.pdu.content });
  const beforeWant = Math.floor(limit / 2);
  const [before, after] = await Promise.all([
    scanRoom(deps.reader, roomId, { dir: 'b', from: event.stream - 1, to: 0, want: beforeWant, accept }),
    scanRoom(deps.reader, roomId, { dir: 'f', from: event.stream, to: ceiling, want: limit - beforeWant, accept }),
  ]);

  const last = after.events[after.events.length - 1] ?? event;
  let state = await deps.reader.stateAt(roomId, last.stream);
  if (filter.lazy_load_members) {
    const senders = new Set([event, ...before.events, ...after.events].map((e) => e.sender));
    state = state.filter((e) => e.type === 'm.room.member' && e.stateKey !== null && senders.has(e.stateKey));
  }

  const options = { withPrevContent: true, bundle: true, canSee: access.canSee } as const;
  const [formattedEvent, eventsBefore, eventsAfter, formattedState] = await Promise.all([
    formatEvents(deps, viewer, [event], options),
    formatEvents(deps, viewer, before.events, options),
    formatEvents(deps, viewer, after.events, options),
    formatEvents(deps, viewer, state),
  ]);
  return {
    event: formattedEvent[0] as JsonObject,
    events_before: eventsBefore,
    events_after: eventsAfter,
    start: formatRoomToken(before.cursor),
    end: formatRoomToken(after.cursor),
    state: formattedState,
  };
}
