import type { EventFilter, RoomEventFilter } from './filter-types';

/** What a filter looks at in an event (room events, account data, to-device alike). */
export interface Filterable {
  type: string;
  sender?: string;
  roomId?: string;
  content?: unknown;
}

/** `*` matches any run of characters, as the spec's type filters allow. */
export function typeMatches(pattern: string, type: string): boolean {
  if (!pattern.includes('*')) return pattern === type;
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's').test(type);
}

/** Whether a room passes a `rooms`/`not_rooms` pair (not_rooms wins). */
export function roomAllowed(filter: { rooms?: string[]; not_rooms?: string[] } | undefined, roomId: string): boolean {
  if (!filter) return true;
  if (filter.not_rooms?.includes(roomId)) return false;
  return filter.rooms === undefined || filter.rooms.includes(roomId);
}

/** The spec's rules: exclusions win over inclusions; an absent list includes everything. */
export function matchesEventFilter(filter: EventFilter | RoomEventFilter | undefined, e: Filterable): boolean {
  if (!filter) return true;
  if (filter.not_types?.some((p) => typeMatches(p, e.type))) return false;
  if (filter.types && !filter.types.some((p) => typeMatches(p, e.type))) return false;
  if (e.sender !== undefined) {
    if (filter.not_senders?.includes(e.sender)) return false;
    if (filter.senders && !filter.senders.includes(e.sender)) return false;
  }
  if ('rooms' in filter || 'not_rooms' in filter) {
    if (e.roomId !== undefined && !roomAllowed(filter as RoomEventFilter, e.roomId)) return false;
  }
  const containsUrl = (filter as RoomEventFilter).contains_url;
  if (containsUrl !== undefined) {
    const content = e.content as Record<string, unknown> | undefined;
    const hasUrl = typeof content?.['url'] === 'string';
    if (hasUrl !== containsUrl) return false;
  }
  return true;
}
