import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '../../generated/sqlite/client';
import type { SqliteDatabase } from './database';

export function sqlitePathOf(url: string): string {
  const path = url.replace(/^file:/, '').split('?')[0] ?? '';
  if (!path) throw new Error(`DATABASE_URL ${url} names no file`);
  return path === ':memory:' ? path : resolve(path);
}

/**
 * Opens the SQLite file (creating its folder). WAL lets readers run beside the writer;
 * synchronous=FULL makes every commit durable against power loss, not only a process crash,
 * because a 200 promises the event is committed (group commit amortises the fsync).
 * busy_timeout is 0 on the raw connection: a lock held by Prisma's connection in this process
 * can only be released by the event loop, so blocking in the driver would deadlock; callers
 * retry asynchronously instead (see withSqliteBusyRetry).
 */
export function openSqlite(url: string): SqliteDatabase {
  const path = sqlitePathOf(url);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const raw = new BetterSqlite3(path);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = FULL');
  raw.pragma('foreign_keys = ON');
  raw.pragma('busy_timeout = 0');
  const adapter = new PrismaBetterSqlite3({ url: `file:${path}`, timeout: 5000 });
  const prisma = new PrismaClient({ adapter });
  return {
    kind: 'sqlite',
    url,
    raw,
    prisma,
    async close() {
      await prisma.$disconnect();
      raw.close();
    },
  };
}
