import type { RelatedEvent, RelationFilter, RelationReader, StreamRange, ThreadSummary } from '@courier/server-domain';
import type { Database } from '../db/database';
import { toReadEvent, type ReadEventRow } from '../events/rows';
import { inList } from './in-list';
import { createQueryRunner, type QueryRunner } from './query-runner';
import { RELATIONS_SQL as SQL } from './relations-sql';

type Num = number | string | bigint;

interface ThreadRow {
  thread_id: string;
  room_id: string;
  latest_event_id: string;
  latest_stream: Num;
  count: Num;
}

const toSummary = (r: ThreadRow): ThreadSummary => ({
  threadId: r.thread_id,
  roomId: r.room_id,
  latestEventId: r.latest_event_id,
  latestStream: Number(r.latest_stream),
  count: Number(r.count),
});

/** Relations and threads over either database (see RelationReader, relations-sql.ts). */
export class SqlRelationReader implements RelationReader {
  private readonly q: QueryRunner;

  constructor(db: Database) {
    this.q = createQueryRunner(db);
  }

  async relations(eventId: string, filter: RelationFilter, range: StreamRange, dir: 'b' | 'f', limit: number, maxDepth = 1): Promise<RelatedEvent[]> {
    if (limit <= 0 || range.upTo <= range.after) return [];
    if (maxDepth > 1) {
      const rows = await this.q.all<ReadEventRow & { depth: Num }>(SQL.tree(dir), [
        eventId,
        range.after,
        range.upTo,
        limit,
        filter.relType ?? '',
        filter.relType !== undefined ? (filter.eventType ?? '') : '',
        maxDepth,
      ]);
      return rows.filter((r) => r.event_id !== null).map((r) => ({ event: toReadEvent(r), depth: Number(r.depth) }));
    }
    const params: unknown[] = [eventId, range.after, range.upTo, limit];
    let kind: 'any' | 'relType' | 'relTypeAndType' = 'any';
    if (filter.relType !== undefined) {
      params.push(filter.relType);
      kind = 'relType';
      if (filter.eventType !== undefined) {
        params.push(filter.eventType);
        kind = 'relTypeAndType';
      }
    }
    const rows = await this.q.all<ReadEventRow>(SQL.page(kind, dir), params);
    return rows.map((r) => ({ event: toReadEvent(r), depth: 1 }));
  }

  async threads(roomId: string, before: number, limit: number, participant?: string): Promise<ThreadSummary[]> {
    if (limit <= 0) return [];
    const rows =
      participant === undefined
        ? await this.q.all<ThreadRow>(SQL.threads, [roomId, before, limit])
        : await this.q.all<ThreadRow>(SQL.participatedThreads, [roomId, participant, before, limit]);
    return rows.map(toSummary);
  }

  async threadSummaries(eventIds: readonly string[]): Promise<ThreadSummary[]> {
    if (eventIds.length === 0) return [];
    const list = inList([...new Set(eventIds)], 1);
    return (await this.q.all<ThreadRow>(SQL.summaries(list.sql), list.params)).map(toSummary);
  }

  async participatedThreads(threadIds: readonly string[], userId: string): Promise<Set<string>> {
    if (threadIds.length === 0) return new Set();
    const list = inList([...new Set(threadIds)], 2);
    const rows = await this.q.all<{ thread_id: string }>(SQL.participated(list.sql), [userId, ...list.params]);
    return new Set(rows.map((r) => r.thread_id));
  }

  async latestEdits(eventIds: readonly string[]): Promise<Map<string, string>> {
    if (eventIds.length === 0) return new Map();
    const list = inList([...new Set(eventIds)], 1);
    const rows = await this.q.all<{ original_id: string; edit_id: string | null }>(SQL.latestEdits(list.sql), list.params);
    return new Map(rows.flatMap((r) => (r.edit_id ? [[r.original_id, r.edit_id] as [string, string]] : [])));
  }
}
