import type { SyncFilter } from '../filter/filter-types';
import type { ReadingDeps, Viewer } from '../reading-deps';

/** One pass of /sync: who asks, with which filter, between which positions. */
export interface SyncContext {
  deps: ReadingDeps;
  viewer: Viewer;
  filter: SyncFilter;
  /** Incremental sync: the events position of `since` (never above `head`); undefined for initial. */
  sinceEvents: number | undefined;
  fullState: boolean;
  /** The events position read at the start of the pass: nothing newer is looked at. */
  head: number;
}

export const DEFAULT_TIMELINE_LIMIT = 10;
/** Synapse's default cap too: a bigger initial sync should page with /messages instead. */
export const MAX_TIMELINE_LIMIT = 100;
