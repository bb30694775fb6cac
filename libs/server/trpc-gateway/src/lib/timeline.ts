import { notFound } from '@courier/shared-matrix-errors';
import { parseRoomId } from '@courier/server-domain';
import type { GatewayServices } from '../context';
import { toGatewayEvent, type GatewayEvent } from './views';

export interface TimelinePage {
  events: GatewayEvent[];
  /** The cursor this page started at. */
  start: string;
  /** The cursor of the next page in the same direction, or null when this page reached the end. */
  end: string | null;
}

/**
 * A room's events in stream order, for admins (no history-visibility filtering: the scope is
 * the permission). A cursor is a boundary in the events stream: "just after position n".
 * Backwards from n gives events at or below n, newest first; forwards gives events above n.
 * Boundaries never move, so paging visits every event exactly once even while writers commit.
 */
export async function readTimeline(
  services: GatewayServices,
  input: { roomId: string; from?: string; dir: 'b' | 'f'; limit: number },
): Promise<TimelinePage> {
  const roomId = parseRoomId(input.roomId);
  if (!(await services.admin.getRoom(roomId))) throw notFound('No such room');
  // The head read first bounds the page, so it is one consistent cut of the stream.
  const { events: head } = await services.reader.positions();
  const from = input.from === undefined ? (input.dir === 'b' ? head : 0) : Math.min(Number(input.from), head);
  const range = input.dir === 'b' ? { after: 0, upTo: from } : { after: from, upTo: head };
  const events = await services.reader.paginate(roomId, range, input.dir, input.limit);
  const last = events[events.length - 1];
  const end = events.length < input.limit || !last ? null : String(input.dir === 'b' ? last.stream - 1 : last.stream);
  return { events: events.map(toGatewayEvent), start: String(from), end };
}
