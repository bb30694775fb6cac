import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/postgres/client';
import type { PostgresDatabase } from './database';
import type { PrismaClient as SqlitePrismaClient } from '../../generated/sqlite/client';

/** One pool shared by the raw queries and Prisma, so the server holds one set of connections. */
export function openPostgres(url: string, options: { max?: number } = {}): PostgresDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
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
