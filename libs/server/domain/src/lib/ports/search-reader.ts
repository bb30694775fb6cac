import type { ReadEvent } from './event-reader';

/** One full-text search over the rooms a user is joined to (POST /search, room_events). */
export interface SearchQuery {
  userId: string;
  /** Words to match (each as a prefix), all of them. Letters, digits and `_` only. */
  terms: string[];
  /** Which fields: any of content.body, content.name, content.topic. */
  keys: string[];
  /** Only these rooms (still only joined ones); undefined: every joined room. */
  rooms?: string[];
  /** Rooms the user left count too (their events up to the leave, by the visibility rules). */
  includeLeave?: boolean;
  orderBy: 'rank' | 'recent';
  limit: number;
  /** 'rank': how many results were handed out already. */
  offset: number;
  /** 'recent': only events below this stream position. */
  before: number;
}

export interface SearchHit {
  event: ReadEvent;
  /** Higher is better. */
  rank: number;
}

/** Each database's own full-text index (SQLite FTS5, PostgreSQL tsvector + GIN), never LIKE. */
export interface SearchReader {
  search(query: SearchQuery): Promise<SearchHit[]>;
  /** How many events match in all (the response's `count`). */
  count(query: SearchQuery): Promise<number>;
}
