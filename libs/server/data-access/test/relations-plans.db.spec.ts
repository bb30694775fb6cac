import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { migrate } from '../src/lib/db/migrator';
import { openDatabase } from '../src/lib/db/open-database';
import { compileForSqlite } from '../src/lib/db/sql';
import type { Database } from '../src/lib/db/database';
import { RELATIONS_SQL } from '../src/lib/reading/relations-sql';
import { inList } from '../src/lib/reading/in-list';
import { searchStatement } from '../src/lib/reading/sql-search-reader';

/**
 * Reads cost what they return: every statement of /relations, /threads and the bundled
 * aggregations is served by an index (migration 0009), never a scan of relations, threads,
 * thread_participants or events. SQLite: EXPLAIN QUERY PLAN has no full SCAN of those tables.
 * PostgreSQL (sequential scans disabled, as the tables are empty here): no Seq Scan on them.
 */
const three = inList(['$a', '$b', '$c'], 1);
const threeAfterUser = inList(['$a', '$b', '$c'], 2);
const statements: Array<[string, string, unknown[]]> = [
  ['relations page', RELATIONS_SQL.page('any', 'b'), ['$p', 0, 100, 5]],
  ['relations page by rel_type', RELATIONS_SQL.page('relType', 'f'), ['$p', 0, 100, 5, 'm.thread']],
  ['relations page by rel_type and type', RELATIONS_SQL.page('relTypeAndType', 'b'), ['$p', 0, 100, 5, 'm.annotation', 'm.reaction']],
  ['relations tree (recurse)', RELATIONS_SQL.tree('b'), ['$p', 0, 100, 5, '', '', 3]],
  ['threads of a room', RELATIONS_SQL.threads, ['!r', 100, 5]],
  ['threads a user took part in', RELATIONS_SQL.participatedThreads, ['!r', '@u', 100, 5]],
  ['thread summaries', RELATIONS_SQL.summaries(three.sql), three.params],
  ['participation', RELATIONS_SQL.participated(threeAfterUser.sql), ['@u', ...threeAfterUser.params]],
  ['latest edits', RELATIONS_SQL.latestEdits(three.sql), three.params],
];

describe.each(await dbKinds())('relation reads are index seeks on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = openDatabase(tdb.url);
    await migrate(db);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  const search = { userId: '@u:x', terms: ['banana'], keys: ['content.body'], rooms: ['!r'], limit: 10, offset: 0, before: 100 };
  const searches = (): Array<[string, string, unknown[]]> =>
    (['rank', 'recent'] as const).flatMap((orderBy) =>
      (['page', 'count'] as const).map((what) => {
        const s = searchStatement(db.kind, { ...search, orderBy }, what);
        return [`search ${orderBy} ${what}`, s.sql, s.params] as [string, string, unknown[]];
      }),
    );

  it('search uses the full-text index (FTS5 / GIN), never a scan of events', async () => {
    for (const [, sql, params] of searches()) await expectIndexed(sql, params, /^SCAN (events|e)\b(?!.*USING)/);
  });

  it.each(statements)('%s', async (_name, sql, params) => expectIndexed(sql, params));

  async function expectIndexed(sql: string, params: unknown[], sqliteBad = /^SCAN (relations|threads|thread_participants|events|r|t|p|e)\b(?!.*USING)/) {
    if (db.kind === 'sqlite') {
      const compiled = compileForSqlite(sql);
      const plan = db.raw
        .prepare(`EXPLAIN QUERY PLAN ${compiled.text}`)
        .all(...compiled.order.map((i) => params[i])) as Array<{ detail: string }>;
      const details = plan.map((p) => p.detail);
      expect(details.filter((d) => sqliteBad.test(d))).toEqual([]);
    } else {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SET LOCAL enable_seqscan = off');
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, params);
        await client.query('ROLLBACK');
        const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).not.toMatch(/Seq Scan on (relations|threads|thread_participants|events|event_search)\b/);
      } finally {
        client.release();
      }
    }
  }
});
