import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { searchSql } from '../src/lib/profiles/sql-profile-store';
import { CHANGES_FOR } from '../src/lib/profiles/sql-presence-store';
import { bindForSqlite, compileForSqlite } from '../src/lib/db/sql';

/**
 * The profile and presence stores on each database: the directory's words are found by prefix
 * (bytewise, so any script), and the reads are index seeks, not walks over every user.
 */
describe.each(await dbKinds())('profile and presence stores on %s', (kind) => {
  let tdb: TestDatabase;
  let data: DataAccess;
  const user = (n: string) => `@${n}:s.test`;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    data = await createDataAccess(tdb.url);
    for (const n of ['searcher', 'anna', 'björn', 'zoe', 'nihon']) {
      await data.accounts.createUser({ userId: user(n), localpart: n, passwordHash: null, isAdmin: false, createdAt: 0 });
    }
  });
  afterAll(async () => {
    await data.close();
    await tdb.drop();
  });

  const plan = async (sql: string, params: unknown[]): Promise<string> => {
    if (data.db.kind === 'sqlite') {
      const c = compileForSqlite(sql);
      const rows = data.db.raw.prepare(`EXPLAIN QUERY PLAN ${c.text}`).all(...bindForSqlite(c, params)) as Array<{ detail: string }>;
      return rows.map((r) => r.detail).join('\n');
    }
    // The planner prefers a sequential scan on tiny tables; forbidding it shows whether an index can serve the query.
    const client = await data.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const rows = (await client.query(`EXPLAIN ${sql}`, params)).rows as Array<{ 'QUERY PLAN': string }>;
      await client.query('ROLLBACK');
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      client.release();
    }
  };

  it('display-name words in any script are found by prefix, and a new name replaces the old words', async () => {
    const profiles = data.accountStores.profiles;
    await profiles.setProfile(user('nihon'), { displayname: '日本 Ünïcode' });
    await profiles.setProfile(user('zoe'), { displayname: 'ZOË' });
    // Nobody shares a room here; the test widens visibility by checking the words themselves.
    const words = await data.db.prisma.userDirectoryTerm.findMany({ where: { user_id: user('nihon') }, select: { term: true } });
    expect(words.map((w) => w.term).sort()).toEqual(['nihon', 's', 'test', 'ünïcode', '日本'].sort());
    await profiles.setProfile(user('nihon'), { displayname: 'Other' });
    const after = await data.db.prisma.userDirectoryTerm.findMany({ where: { user_id: user('nihon') }, select: { term: true } });
    expect(after.map((w) => w.term)).not.toContain('日本');
  });

  it('the directory search seeks user_directory_terms by its primary key, one range per word', async () => {
    const text = await plan(searchSql(2), [user('searcher'), 'join', true, false, 'an', 'an\u{10FFFF}', 'b', 'b\u{10FFFF}', 11]);
    if (kind === 'sqlite') {
      expect(text).toMatch(/SEARCH user_directory_terms USING (COVERING )?INDEX sqlite_autoindex_user_directory_terms_1 \(term>\? AND term<\?\)/);
      expect(text).not.toMatch(/SCAN user_directory_terms/);
    } else {
      expect(text).toMatch(/(Bitmap Index Scan on|Index (Only )?Scan using) user_directory_terms_pkey/);
      expect(text).toMatch(/Index Cond: \(\(term >= 'an'::text\) AND \(term < 'an.+'::text\)\)/);
      expect(text).not.toMatch(/Seq Scan on user_directory_terms/);
    }
  });

  it('presence changes are read from presence_stream_idx', async () => {
    const text = await plan(CHANGES_FOR, [user('searcher'), 0, 10, 100]);
    expect(text).toMatch(kind === 'sqlite' ? /SEARCH p USING INDEX presence_stream_idx/ : /presence_stream_idx/);
  });

  it('forgetting is keyed by user and room; a second forget moves the position', async () => {
    const profiles = data.accountStores.profiles;
    await profiles.forgetRoom(user('anna'), '!r:s.test', 5);
    await profiles.forgetRoom(user('anna'), '!r:s.test', 9);
    expect(await profiles.forgottenRooms(user('anna'))).toEqual(new Map([['!r:s.test', 9]]));
    expect(await profiles.forgottenRooms(user('zoe'))).toEqual(new Map());
  });

  it('each presence change takes the next presence position', async () => {
    const presence = data.accountStores.presence;
    const before = await presence.position();
    const p1 = await presence.set(user('anna'), 'online', 'hi', 1000);
    const p2 = await presence.set(user('anna'), 'unavailable', null, 2000);
    expect([p1, p2]).toEqual([before + 1, before + 2]);
    expect(await presence.position()).toBe(before + 2);
    expect(await presence.get(user('anna'))).toEqual({ userId: user('anna'), state: 'unavailable', statusMsg: null, lastActiveTs: 2000, stream: before + 2 });
  });
});
