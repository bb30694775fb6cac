import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../db/database';
import { bindForSqlite, compileForSqlite } from '../db/sql';
import { withSqliteBusyRetry } from '../db/sqlite-busy';

/**
 * Runs one SQL text (PostgreSQL `$n` style) on either engine, so each read query is written
 * once. Rows come back as the driver gives them: PostgreSQL returns BIGINT and COUNT as
 * strings, so callers convert numbers with Number().
 */
export interface QueryRunner {
  all<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  /** A write; returns the number of changed rows. */
  run(sql: string, params: readonly unknown[]): Promise<number>;
}

export function createQueryRunner(db: Database): QueryRunner {
  if (db.kind === 'postgres') {
    return {
      all: async <T>(sql: string, params: readonly unknown[]) => (await db.pool.query(sql, params as unknown[])).rows as T[],
      run: async (sql, params) => (await db.pool.query(sql, params as unknown[])).rowCount ?? 0,
    };
  }
  // Prepared statements are cached per SQL text: the hot sync queries run on every request.
  const statements = new Map<string, BetterSqlite3.Statement>();
  const prepare = (sql: string) => {
    const compiled = compileForSqlite(sql);
    let stmt = statements.get(sql);
    if (!stmt) {
      stmt = db.raw.prepare(compiled.text);
      statements.set(sql, stmt);
    }
    return { stmt, bind: (params: readonly unknown[]) => bindForSqlite(compiled, params) };
  };
  return {
    all: async <T>(sql: string, params: readonly unknown[]) => {
      const { stmt, bind } = prepare(sql);
      return stmt.all(...bind(params)) as T[];
    },
    // The raw connection never blocks on a lock (busy_timeout 0), so writes retry asynchronously.
    run: (sql, params) => {
      const { stmt, bind } = prepare(sql);
      return withSqliteBusyRetry(() => stmt.run(...bind(params)).changes);
    },
  };
}
