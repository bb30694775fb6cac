import type { SearchHit, SearchQuery, SearchReader } from '@courier/server-domain';
import type { Database } from '../db/database';
import { toReadEvent, type ReadEventRow } from '../events/rows';
import { inList } from './in-list';
import { createQueryRunner, type QueryRunner } from './query-runner';

type Num = number | string | bigint;
const EVENT_COLUMNS = 'e.stream, e.event_id, e.room_id, e.sender, e.type, e.state_key, e.json, e.redacted_by';
const ALL_KEYS = ['content.body', 'content.name', 'content.topic'];

/** Each engine's fragments of the search statements: constants, never values. */
const DIALECTS = {
  postgres: {
    match: "s.vector @@ to_tsquery('english', $1)",
    roomColumn: 's.room_id',
    keyColumn: 's.key',
    table: 'event_search s',
    joined: 'event_search s JOIN events e ON e.stream = s.stream',
    rank: "ts_rank(s.vector, to_tsquery('english', $1))",
    position: 's.stream',
  },
  sqlite: {
    match: 'event_search MATCH $1',
    roomColumn: 'event_search.room_id',
    keyColumn: 'event_search.key',
    table: 'event_search',
    joined: 'event_search JOIN events e ON e.stream = event_search.rowid',
    rank: '-bm25(event_search)',
    position: 'event_search.rowid',
  },
} as const;

/**
 * The statement of one search (or its count) on one engine: $1 query, $2 user, then rooms and
 * keys lists, then the paging values. Matches are restricted to the rooms the user is joined to
 * by a subquery on room_members.
 */
export function searchStatement(kind: Database['kind'], query: SearchQuery, what: 'page' | 'count'): { sql: string; params: unknown[] } {
  const { match, roomColumn, keyColumn, table, joined, rank, position } = DIALECTS[kind];
  const params: unknown[] = [matchExpression(kind, query.terms), query.userId];
  let where = query.includeLeave
    ? `${match} AND ${roomColumn} IN (SELECT m.room_id FROM room_members m WHERE m.user_id = $2 AND m.membership IN ('join', 'leave'))`
    : `${match} AND ${roomColumn} IN (SELECT m.room_id FROM room_members m WHERE m.user_id = $2 AND m.membership = 'join')`;
  if (query.rooms !== undefined) {
    if (query.rooms.length === 0) where += ' AND 1 = 0';
    else {
      const list = inList(query.rooms, params.length + 1);
      where += ` AND ${roomColumn} IN (${list.sql})`;
      params.push(...list.params);
    }
  }
  const keys = [...new Set(query.keys)].filter((k) => ALL_KEYS.includes(k));
  if (keys.length < ALL_KEYS.length) {
    if (keys.length === 0) where += ' AND 1 = 0';
    else {
      const list = inList(keys, params.length + 1);
      where += ` AND ${keyColumn} IN (${list.sql})`;
      params.push(...list.params);
    }
  }
  if (what === 'count') return { sql: `SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`, params };
  const n = params.length;
  // Recent first: FTS5 walks its matches in rowid (stream) order and stops at the limit.
  const order =
    query.orderBy === 'rank'
      ? ` ORDER BY rank DESC, e.stream DESC LIMIT $${n + 1} OFFSET $${n + 2}`
      : ` AND ${position} < $${n + 2} ORDER BY ${position} DESC LIMIT $${n + 1}`;
  const paging = query.orderBy === 'rank' ? [query.limit, query.offset] : [query.limit, query.before];
  return { sql: `SELECT ${EVENT_COLUMNS}, ${rank} AS rank FROM ${joined} WHERE ${where}${order}`, params: [...params, ...paging] };
}

/** Every term as a prefix, all required: `a:* & b:*` (tsquery) or `"a"* "b"*` (FTS5). */
function matchExpression(kind: Database['kind'], terms: readonly string[]): string {
  if (kind === 'postgres') return terms.map((t) => `${t}:*`).join(' & ');
  return terms.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' ');
}

/**
 * POST /search over each database's own full-text index (migration 0009): SQLite's FTS5 table
 * `event_search` (rowid = stream, bm25 rank) and PostgreSQL's `event_search.vector` (GIN,
 * ts_rank). Both are kept by triggers on `events`, so a redacted event is gone from them.
 */
export class SqlSearchReader implements SearchReader {
  private readonly q: QueryRunner;

  constructor(private readonly db: Database) {
    this.q = createQueryRunner(db);
  }

  async search(query: SearchQuery): Promise<SearchHit[]> {
    if (query.terms.length === 0 || query.limit <= 0) return [];
    const { sql, params } = searchStatement(this.db.kind, query, 'page');
    const rows = await this.q.all<ReadEventRow & { rank: Num }>(sql, params);
    return rows.map((r) => ({ event: toReadEvent(r), rank: Number(r.rank) }));
  }

  async count(query: SearchQuery): Promise<number> {
    if (query.terms.length === 0) return 0;
    const { sql, params } = searchStatement(this.db.kind, query, 'count');
    const rows = await this.q.all<{ n: Num }>(sql, params);
    return Number(rows[0]?.n ?? 0);
  }
}
