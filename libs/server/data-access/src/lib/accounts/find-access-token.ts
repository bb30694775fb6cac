import type BetterSqlite3 from 'better-sqlite3';
import type { TokenRecord } from '@courier/server-domain';
import type { Pool } from 'pg';
import type { Database } from '../db/database';
import { bindForSqlite, compileForSqlite } from '../db/sql';
import { LookupBatcher } from '../events/pg-lookup-batcher';

const SQL =
  'SELECT t.token_hash, t.user_id, t.device_id, t.expires_at, u.is_admin, u.deactivated, u.locked FROM access_tokens t JOIN users u ON u.user_id = t.user_id WHERE t.token_hash = $1';
/** Compiled once: this runs on every authenticated request. */
const SQLITE_SQL = compileForSqlite(SQL);
const PG_MANY_SQL =
  'SELECT t.token_hash, t.user_id, t.device_id, t.expires_at, u.is_admin, u.deactivated, u.locked FROM access_tokens t JOIN users u ON u.user_id = t.user_id WHERE t.token_hash = ANY($1::text[])';

interface Row {
  token_hash: string;
  user_id: string;
  device_id: string;
  expires_at: number | string | bigint | null;
  is_admin: number | boolean;
  deactivated: number | boolean;
  locked: number | boolean;
}

/**
 * The token lookup every authenticated request makes, as one indexed join on the raw driver:
 * Prisma would take two queries and several times the time. Never cached, so a logout,
 * revocation or deactivation is seen by the very next request, on any instance. On PostgreSQL
 * the lookups of concurrent requests share one query (LookupBatcher: each is still answered
 * by a query that started after it was asked).
 */
const prepared = new WeakMap<object, BetterSqlite3.Statement>();
const batchers = new WeakMap<Pool, LookupBatcher<string, Row>>();

function batcherFor(pool: Pool): LookupBatcher<string, Row> {
  let batcher = batchers.get(pool);
  if (!batcher) {
    batcher = new LookupBatcher<string, Row>(async (hashes) => {
      const { rows } = await pool.query<Row>(PG_MANY_SQL, [hashes]);
      const byHash = new Map(rows.map((r) => [r.token_hash, r]));
      return hashes.map((h) => byHash.get(h));
    }, (hash) => hash);
    batchers.set(pool, batcher);
  }
  return batcher;
}

export async function findAccessTokenRaw(db: Database, tokenHash: string): Promise<TokenRecord | undefined> {
  let row: Row | undefined;
  if (db.kind === 'sqlite') {
    const c = SQLITE_SQL;
    let stmt = prepared.get(db.raw);
    if (!stmt) {
      stmt = db.raw.prepare(c.text);
      prepared.set(db.raw, stmt);
    }
    row = stmt.get(...bindForSqlite(c, [tokenHash])) as Row | undefined;
  } else {
    row = await batcherFor(db.pool).get(tokenHash);
  }
  if (!row) return undefined;
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    deviceId: row.device_id,
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    user: { isAdmin: Boolean(row.is_admin), deactivated: Boolean(row.deactivated), locked: Boolean(row.locked) },
  };
}
