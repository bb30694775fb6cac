import { chainEvents, type ChainedEventInput, type EventStore } from '@courier/server-domain';
import type { Database } from '../src/lib/db/database';
import { bindForSqlite, compileForSqlite } from '../src/lib/db/sql';
import { createRoom, creator, ctx } from './event-store.support';

/** One read statement to check: its text, parameters, and whether it may range over a room's stream. */
export interface PlannedRead {
  name: string;
  sql: string;
  params: unknown[];
  /**
   * The statement reads a stretch of one room's (room_id, stream) index on purpose: a page with
   * a LIMIT, or the newest event (MAX). Anything else must find its rows by event id, stream or
   * (room_id, type, state_key).
   */
  roomRange?: boolean;
  /** The statement reads the server's events in stream order on purpose (admin events stream). */
  globalRange?: boolean;
}

/** What a plan reveals of walks over `events`; empty when every access is a bounded seek. */
export interface PlanVerdict {
  walks: string[];
  plan: string[];
}

/** The names `events` goes by in a statement (its aliases, or the bare table name). */
function eventsAliases(sql: string): Set<string> {
  const names = new Set(['events']);
  const keywords = new Set(['where', 'order', 'group', 'on', 'join', 'left', 'limit']);
  for (const m of sql.matchAll(/\bevents\s+(\w+)/gi)) {
    const alias = m[1] ?? '';
    if (!keywords.has(alias.toLowerCase())) names.add(alias);
  }
  return names;
}

/**
 * SQLite: EXPLAIN QUERY PLAN. A walk is a SCAN of events (the table or a whole index), a
 * range over rooms or a row-comparison range, a
 * range of the stream primary key (filtered by room: every newer event of the server), or, for a
 * statement not marked roomRange, a SEARCH bound by room_id alone or any use of the
 * (room_id, stream) index: that is how the old accessHistory and stateAt walked a room.
 */
export function sqlitePlan(db: Database, read: PlannedRead): PlanVerdict {
  if (db.kind !== 'sqlite') throw new Error('a SQLite database');
  const compiled = compileForSqlite(read.sql);
  const rows = db.raw.prepare(`EXPLAIN QUERY PLAN ${compiled.text}`).all(...bindForSqlite(compiled, read.params)) as { detail: string }[];
  const aliases = eventsAliases(read.sql);
  const plan = rows.map((r) => r.detail);
  const walks = plan.filter((d) => {
    const m = /^(SCAN|SEARCH) (\w+)/.exec(d);
    if (!m || !aliases.has(m[2] ?? '')) return false;
    if (m[1] === 'SCAN') return true;
    // A range over rooms, e.g. (room_id<?): what SQLite makes of a correlated row comparison
    // (measured: 400 ms on a room of 100,000 events); or a row-comparison range itself.
    if (/\(room_id[<>]/.test(d) || /\([a-z_,]+\)[<>]=?\(/.test(d)) return true;
    // A range of the primary key (stream) filtered by room: every newer event of the server.
    if (!read.globalRange && /sqlite_autoindex_events_1 \(stream[<>]/.test(d)) return true;
    return !read.roomRange && (/\(room_id=\?\)/.test(d) || /events_room_id_stream_idx/.test(d));
  });
  return { walks, plan };
}

interface PgPlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PgPlanNode[];
}

/**
 * PostgreSQL: EXPLAIN (ANALYZE) with the planner's defaults (enable_seqscan on). A walk is a Seq
 * Scan on events, or any node on events that touched more than `maxRows` rows: an index range
 * over a whole room is no Seq Scan but is still a walk (the old stateAt's plan).
 */
export async function postgresPlan(db: Database, read: PlannedRead, maxRows: number): Promise<PlanVerdict & { touched: number }> {
  if (db.kind !== 'postgres') throw new Error('a PostgreSQL database');
  const res = await db.pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${read.sql}`, read.params);
  const root = (res.rows[0] as { 'QUERY PLAN': { Plan: PgPlanNode }[] })['QUERY PLAN'][0]?.Plan;
  const walks: string[] = [];
  const plan: string[] = [];
  let touched = 0;
  const visit = (n: PgPlanNode, depth: number) => {
    const loops = n['Actual Loops'] ?? 1;
    const rows = ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0)) * loops;
    plan.push(`${'  '.repeat(depth)}${n['Node Type']}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''} (rows ${rows})`);
    if (n['Relation Name'] === 'events') {
      touched += rows;
      if (n['Node Type'] === 'Seq Scan') walks.push(`Seq Scan on events`);
    }
    for (const c of n.Plans ?? []) visit(c, depth + 1);
  };
  if (root) visit(root, 0);
  if (touched > maxRows) walks.push(`touched ${touched} rows of events (at most ${maxRows} expected)`);
  return { walks, plan, touched };
}

export const viewer = '@u:b.test';

/** The positions the fixture's checks read at, and a few of its event ids. */
export interface BigRoom {
  roomId: string;
  head: number;
  mid: number;
  early: number;
  someEventIds: string[];
}

/**
 * One room of `total` events written through the store in batches (quick: no HTTP), with the
 * viewer joining and leaving, history visibility changing and 40 other members joining
 * along the way, so visibility and state-at-a-position have history to get wrong.
 */
export async function fillBigRoom(events: EventStore, roomId: string, total: number): Promise<BigRoom> {
  await createRoom(events, roomId);
  await events.append(roomId, (s) => chainEvents(s, [{ type: 'm.room.join_rules', stateKey: '', sender: creator, content: { join_rule: 'public' } }], ctx));
  const BATCH = 1000;
  let written = 3;
  let batch = 0;
  const ids: string[] = [];
  let early = 0;
  let mid = 0;
  while (written < total) {
    const inputs: ChainedEventInput[] = [];
    const b = batch++;
    inputs.push({ type: 'm.room.member', stateKey: viewer, sender: viewer, content: { membership: b % 3 === 2 ? 'leave' : 'join' } });
    if (b % 4 === 1) {
      inputs.push({ type: 'm.room.history_visibility', stateKey: '', sender: creator, content: { history_visibility: b % 8 === 1 ? 'joined' : 'shared' } });
    }
    inputs.push({ type: 'm.room.member', stateKey: `@m${b}:b.test`, sender: `@m${b}:b.test`, content: { membership: 'join' } });
    inputs.push({ type: 'm.room.topic', stateKey: '', sender: creator, content: { topic: `topic ${b}` } });
    const n = Math.min(BATCH, total - written) - inputs.length;
    for (let i = 0; i < n; i++) inputs.push({ type: 'm.room.message', sender: i % 2 || b % 3 === 2 ? creator : viewer, content: { body: `m${b}.${i}` } });
    const appended = await events.append(roomId, (s) => chainEvents(s, inputs, ctx));
    written += appended.length;
    const last = appended[appended.length - 1];
    if (appended[5]) ids.push(appended[5].eventId);
    if (b === 1 && last) early = last.stream - 10;
    if (written >= total / 2 && mid === 0 && last) mid = last.stream - 100;
  }
  const head = Number((await events.append(roomId, (s) => chainEvents(s, [{ type: 'm.room.message', sender: creator, content: { body: 'last' } }], ctx)))[0]?.stream ?? 0);
  return { roomId, head, mid, early, someEventIds: ids };
}
