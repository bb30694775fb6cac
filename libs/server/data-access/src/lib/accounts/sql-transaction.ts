import type { Database } from '../db/database';
import { bindForSqlite, compileForSqlite } from '../db/sql';
import { withSqliteBusyRetry } from '../db/sqlite-busy';
import { rollback, withPoolClient } from '../db/pg-client';

/** One statement of a transaction body, in PostgreSQL placeholder style ($1 …). */
export interface SqlStep {
  sql: string;
  params: unknown[];
}

export interface SqlResult {
  rows: Array<Record<string, unknown>>;
  /** Rows written (or returned, for a statement that returns rows). */
  changes: number;
}

/**
 * A transaction body: a generator that yields statements and receives their results. The same
 * body runs on both databases: on SQLite it is driven synchronously inside one IMMEDIATE
 * transaction, so the write lock is never held across an await (other code on this event loop
 * may need the database, see sqlite-busy.ts); on PostgreSQL it is driven over one pooled client
 * between BEGIN and COMMIT. A throw rolls back.
 */
export type TxBody<R> = Generator<SqlStep, R, SqlResult>;

export const step = (sql: string, ...params: unknown[]): SqlStep => ({ sql, params });

export async function runTransaction<R>(db: Database, body: () => TxBody<R>): Promise<R> {
  if (db.kind === 'sqlite') {
    const exec = (s: SqlStep): SqlResult => {
      const c = compileForSqlite(s.sql);
      const stmt = db.raw.prepare(c.text);
      const params = bindForSqlite(c, s.params);
      if (stmt.reader) {
        const rows = stmt.all(...params) as Array<Record<string, unknown>>;
        return { rows, changes: rows.length };
      }
      return { rows: [], changes: stmt.run(...params).changes };
    };
    const tx = db.raw.transaction(() => {
      const gen = body();
      let next = gen.next();
      while (!next.done) next = gen.next(exec(next.value));
      return next.value;
    });
    return withSqliteBusyRetry(() => tx.immediate());
  }
  return withPoolClient(db.pool, async (client, discard) => {
    try {
      await client.query('BEGIN');
      const gen = body();
      let next = gen.next();
      while (!next.done) {
        const r = await client.query(next.value.sql, next.value.params);
        next = gen.next({ rows: r.rows as Array<Record<string, unknown>>, changes: r.rowCount ?? r.rows.length });
      }
      await client.query('COMMIT');
      return next.value;
    } catch (err) {
      await rollback(client, discard);
      throw err;
    }
  });
}

/** Claims `count` positions of a stream (stream_positions row); returns the first of them. */
export function* claimStream(name: 'to_device' | 'account_data' | 'presence' | 'device_lists' | 'receipts', count: number): TxBody<number> {
  const r = yield step('UPDATE stream_positions SET position = position + $1 WHERE name = $2 RETURNING position', count, name);
  const last = Number(r.rows[0]?.['position']);
  if (!Number.isSafeInteger(last)) throw new Error(`stream_positions has no '${name}' row`);
  return last - count + 1;
}

/**
 * Records that the devices or keys of each user changed, at fresh 'device_lists' positions, in
 * the caller's transaction: a change and its row commit together or not at all.
 */
export function* markDeviceListsChanged(userIds: readonly string[]): TxBody<void> {
  const users = [...new Set(userIds)];
  if (users.length === 0) return;
  const first = yield* claimStream('device_lists', users.length);
  for (const [i, userId] of users.entries()) {
    yield step('INSERT INTO device_list_changes (stream, user_id) VALUES ($1, $2)', first + i, userId);
  }
}
