import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../generated/sqlite/client';
import type { SqliteDatabase, SqliteWriter } from './database';
import { WalSync } from './wal-sync';

export function sqlitePathOf(url: string): string {
  const path = url.replace(/^file:/, '').split('?')[0] ?? '';
  if (!path) throw new Error(`DATABASE_URL ${url} names no file`);
  return path === ':memory:' ? path : resolve(path);
}

/**
 * Opens the SQLite file (creating its folder). WAL lets readers run beside the writer;
 * synchronous=FULL makes every commit durable against power loss, not only a process crash,
 * because a 200 promises the event is committed; the event writer gets the same guarantee
 * from its own fsync (openEventWriter).
 * busy_timeout is 0 on the raw connection: a lock held by Prisma's connection in this process
 * can only be released by the event loop, so blocking in the driver would deadlock; callers
 * retry asynchronously instead (see withSqliteBusyRetry).
 */
export function openSqlite(url: string): SqliteDatabase {
  const path = sqlitePathOf(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = connect(path, 'FULL');
  tuneForReads(raw);
  optimize(raw, OPTIMIZE_AT_OPEN);
  // Hourly, as SQLite advises for long-lived connections; unref'd so it never keeps a process up.
  const optimizer = setInterval(() => optimize(raw), OPTIMIZE_EVERY_MS);
  optimizer.unref();
  const eventWriter =
    path === ':memory:' ? { raw, durable: () => Promise.resolve(), failure: () => undefined, close: () => Promise.resolve() } : openEventWriter(path);
  const adapter = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: 5000 });
  const prisma = new PrismaClient({ adapter });
  return {
    kind: 'sqlite',
    url,
    raw,
    prisma,
    eventWriter,
    async close() {
      clearInterval(optimizer);
      optimize(raw);
      await prisma.$disconnect();
      await eventWriter.close();
      if (eventWriter.raw !== raw) eventWriter.raw.close();
      raw.close();
    },
  };
}

const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;
/** At open: also analyse tables that were never analysed (0x10000), bounded by analysis_limit. */
const OPTIMIZE_AT_OPEN = 0x10002;

/**
 * The read connection's caches, sized for a server rather than SQLite's 2 MB default: a 64 MiB
 * page cache, reads through a 256 MiB memory map (the OS page cache serves them without a copy)
 * and temporary sorts in memory. None of these touch durability: synchronous stays as set by
 * connect(), and the event writer's connection (openEventWriter) is left as it is.
 */
function tuneForReads(db: BetterSqlite3.Database): void {
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  db.pragma('temp_store = MEMORY');
}

/**
 * PRAGMA optimize: refreshes the planner's statistics where they went stale (at open, hourly,
 * at close). It may need the write lock; when another connection holds it, the next run does it.
 */
function optimize(db: BetterSqlite3.Database, mask?: number): void {
  try {
    db.pragma('analysis_limit = 1000');
    db.pragma(mask === undefined ? 'optimize' : `optimize = ${mask}`);
  } catch {
    // Busy or closed: statistics are an optimisation; the next run catches up.
  }
}

function connect(path: string, synchronous: 'FULL' | 'NORMAL'): BetterSqlite3.Database {
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 0');
  return db;
}

/**
 * The event store's write connection. Its commits are as durable as synchronous=FULL, but the
 * fsync runs off the event loop: the connection commits with synchronous=NORMAL (WAL frames
 * written, not yet synced) and WalSync fsyncs the WAL on the thread pool before the store
 * acknowledges anything. With FULL, better-sqlite3's COMMIT would block the whole server for
 * every fsync.
 */
function openEventWriter(path: string): SqliteWriter & { close(): Promise<void> } {
  const raw = connect(path, 'NORMAL');
  const wal = new WalSync(`${path}-wal`);
  return { raw, durable: () => wal.sync(), failure: () => wal.failure, close: () => wal.close() };
}
