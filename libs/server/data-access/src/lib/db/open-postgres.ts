import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/postgres/client';
import type { PostgresDatabase } from './database';
import type { PrismaClient as SqlitePrismaClient } from '../../generated/sqlite/client';
import { PG_APPLICATION_NAME, PG_TIMEOUTS, pgConnectionConfig } from './pg-config';

/**
 * One pool shared by the raw queries and Prisma, so the server holds one set of connections.
 * A connection that dies is never fatal: an idle one is dropped by the pool (its 'error' is
 * handled here), one in use fails its caller and goes back broken (withPoolClient), and the
 * next caller gets a new one. Nothing else has to reconnect.
 */
export function openPostgres(url: string, options: { max?: number } = {}): PostgresDatabase {
  const pool = new pg.Pool({
    ...pgConnectionConfig(url, PG_APPLICATION_NAME),
    max: options.max ?? 10,
    statement_timeout: PG_TIMEOUTS.statementMs,
    query_timeout: PG_TIMEOUTS.queryMs,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: 'postgres',
    url,
    pool,
    // The two generated clients share one model API; the SQLite type stands for both.
    prisma: prisma as unknown as SqlitePrismaClient,
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}
