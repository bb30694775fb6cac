import type { SearchHit, SearchQuery, SearchReader } from '@courier/server-domain';
import type { Database } from '../db/database';
import { toReadEvent, type ReadEventRow } from '../events/rows';
import { inList } from './in-list';
import { createQueryRunner, type QueryRunner } from './query-runner';

type Num = number | string | bigint;
const EVENT_COLUMNS = 'e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by';
const ALL_KEYS = ['content.body', 'content.name', 'content.topic'];

/**
 * POST /search over each database's own full-text index (migration 0009): SQLite's FTS5 table
 * `event_search` (rowid = stream, bm25 rank) and PostgreSQL's `event_search.vector` (GIN,
 * ts_rank). Both are kept by triggers on `events`, so a redacted event is gone from them.
 * Matches are restricted to the rooms the user is joined to by a subquery on room_members.
 * $1 query, $2 user, then rooms and keys lists, then the paging values.
 */
export class SqlSearchReader implements SearchReader {
  private readonly q: QueryRunner;

  constructor(private readonly db: Database) {
    this.q = createQueryRunner(db);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (query.terms.length === 0 || query.limit <= 0) return [];
    const { where, params } = this.where(query);
    const n = params.length;
    const pg = this.db.kind === 'postgres';
    const order =
      query.orderBy === 'rank'
        ? ` ORDER BY rank DESC, e.stream DESC LIMIT $${n + 1} OFFSET $${n + 2}`
        : ` AND e.stream < $${n + 2} ORDER BY e.stream DESC LIMIT $${n + 1}`;
    const rank = pg ? "ts_rank(s.vector, to_tsquery('english', $1))" : '-bm25(event_search)';
    const from = pg ? 'event_search s JOIN events e ON e.stream = s.stream' : 'event_search JOIN events e ON e.stream = event_search.rowid';
    const sql = `SELECT ${EVENT_COLUMNS}, ${rank} AS rank FROM ${from} WHERE ${where}${order}`;
    const paging = query.orderBy === 'rank' ? [query.limit, query.offset] : [query.limit, query.before];
    const rows = await this.q.all<ReadEventRow & { rank: Num }>(sql, [...params, ...paging]);
    return rows.map((r) => ({ event: toReadEvent(r), rank: Number(r.rank) }));
  }

  async count(query: SearchQuery): Promise<number> {
    if (query.terms.length === 0) return 0;
    const { where, params } = this.where(query);
    const from = this.db.kind === 'postgres' ? 'event_search s' : 'event_search';
    const rows = await this.q.all<{ n: Num }>(`SELECT COUNT(*) AS n FROM ${from} WHERE ${where}`, params);
    return Number(rows[0]?.n ?? 0);
  }

  private where(query: SearchQuery): { where: string; params: unknown[] } {
    const pg = this.db.kind === 'postgres';
    const col = (c: string) => (pg ? `s.${c}` : `event_search.${c}`);
    const params: unknown[] = [this.matchExpression(query.terms), query.userId];
    let where = pg ? "s.vector @@ to_tsquery('english', $1)" : 'event_search MATCH $1';
    where += ` AND ${col('room_id')} IN (SELECT m.room_id FROM room_members m WHERE m.user_id = $2 AND m.membership = 'join')`;
    if (query.rooms !== undefined) {
      if (query.rooms.length === 0) where += ' AND 1 = 0';
      else {
        const list = inList(query.rooms, params.length + 1);
        where += ` AND ${col('room_id')} IN (${list.sql})`;
        params.push(...list.params);
      }
    }
    const keys = [...new Set(query.keys)].filter((k) => ALL_KEYS.includes(k));
    if (keys.length < ALL_KEYS.length) {
      if (keys.length === 0) where += ' AND 1 = 0';
      else {
        const list = inList(keys, params.length + 1);
        where += ` AND ${col('key')} IN (${list.sql})`;
        params.push(...list.params);
      }
    }
    return { where, params };
  }

  /** Every term as a prefix, all required: `a:* & b:*` (tsquery) or `"a"* "b"*` (FTS5). */
  private matchExpression(terms: readonly string[]): string {
    if (this.db.kind === 'postgres') return terms.map((t) => `${t}:*`).join(' & ');
    return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
  }
}
