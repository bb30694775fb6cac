import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase, type SqliteDatabase } from '@courier/server-data-access';
import type { Config } from '@courier/server-util-config';

export const BACKUP_USAGE = `  backup <file>                                  copy the SQLite database to <file> while the server runs
                                                 (PostgreSQL: use pg_dump; see README)`;

/**
 * A consistent copy of a live SQLite database through SQLite's online backup API
 * (better-sqlite3's `backup()`): it copies page by page and starts over if another connection
 * writes meanwhile, so the copy is one committed state, WAL included. Copying the file with cp
 * could catch it half-written, and would miss what is still in the -wal file.
 */
export async function backupSqlite(db: SqliteDatabase, target: string): Promise<{ pages: number }> {
  const { totalPages } = await db.raw.backup(target);
  return { pages: totalPages };
}

/** `backup <file>`: refuses to overwrite, and to run on PostgreSQL (pg_dump does that job). */
export async function backupCommand(config: Config, args: string[], usage: string): Promise<number> {
  const [target, ...extra] = args;
  if (!target || extra.length > 0) {
    console.error(usage);
    return 2;
  }
  const path = resolve(target);
  if (existsSync(path)) {
    console.error(`${path} exists; choose a new file name.`);
    return 2;
  }
  const db = openDatabase(config.DATABASE_URL);
  try {
    if (db.kind !== 'sqlite') {
      console.error('DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc (see README, "Backup and restore").');
      return 2;
    }
    const { pages } = await backupSqlite(db, path);
    console.log(`backed up ${pages} pages to ${path}`);
    return 0;
  } finally {
    await db.close();
  }
}
