import type { ReadEvent, StreamRange } from './event-reader';

/** A thread root's summary: its newest reply and how many replies it has. */
export interface ThreadSummary {
  threadId: string;
  roomId: string;
  latestEventId: string;
  latestStream: number;
  count: number;
}

/** Which relations of an event to read: a rel_type and, with it, an event type. */
export interface RelationFilter {
  relType?: string;
  eventType?: string;
}

/** A related event with how far from the parent it sits (1: relates to it directly). */
export interface RelatedEvent {
  event: ReadEvent;
  depth: number;
}

/**
 * The read side of relations and threads (/relations, /threads, bundled aggregations). Each
 * method is index seeks bounded by what it returns: relations are indexed per parent by
 * stream position, threads per room by their newest reply.
 */
export interface RelationReader {
  /**
   * Up to `limit` events relating to `eventId` with a stream position in the range, newest
   * first for 'b' and oldest first for 'f'. With `maxDepth` > 1, events relating to those too
   * (down to that depth).
   */
  relations(eventId: string, filter: RelationFilter, range: StreamRange, dir: 'b' | 'f', limit: number, maxDepth?: number): Promise<RelatedEvent[]>;
  /**
   * Up to `limit` threads of the room whose newest reply is below `before`, newest activity
   * first; with `participant`, only the threads that user started or replied to.
   */
  threads(roomId: string, before: number, limit: number, participant?: string): Promise<ThreadSummary[]>;
  /** The summaries of those of the given events that are thread roots. */
  threadSummaries(eventIds: readonly string[]): Promise<ThreadSummary[]>;
  /** Which of the given thread roots the user started or replied to. */
  participatedThreads(threadIds: readonly string[], userId: string): Promise<Set<string>>;
  /** The newest m.replace of each given event sent by the event's own sender: original ID → edit ID. */
  latestEdits(eventIds: readonly string[]): Promise<Map<string, string>>;
}
