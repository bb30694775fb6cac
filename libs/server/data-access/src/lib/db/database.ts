import type BetterSqlite3 from 'better-sqlite3';
import type { Pool, PoolClient } from 'pg';
import type { PrismaClient as SqlitePrismaClient } from '../../generated/sqlite/client';

/**
 * One open database: the raw driver (for the transactional write path and hot reads, where
 * Prisma's per-query cost shows) and a Prisma client over the same database for everything else.
 * Both Prisma clients expose the same model API; the SQLite client's type stands for both.
 */
export type Database = SqliteDatabase | PostgresDatabase;

export interface SqliteDatabase {
  kind: 'sqlite';
  url: string;
  raw: BetterSqlite3.Database;
  /** The event store's own write connection (see openSqlite). */
  eventWriter: SqliteWriter;
  prisma: SqlitePrismaClient;
  close(): Promise<void>;
}

/** A write connection whose commits become durable when `durable()` resolves. */
export interface SqliteWriter {
  raw: BetterSqlite3.Database;
  /** Resolves once every commit made on `raw` before the call is on disk. */
  durable(): Promise<void>;
  /**
   * Why commits can no longer be made durable (a WAL fsync failed: see WalSync), or undefined.
   * While set, durable() fails and the store acknowledges nothing; only a restart clears it.
   */
  failure(): unknown;
}

export interface PostgresDatabase {
  kind: 'postgres';
  url: string;
  pool: Pool;
  prisma: SqlitePrismaClient;
  close(): Promise<void>;
}

export type PgClient = Pool | PoolClient;
