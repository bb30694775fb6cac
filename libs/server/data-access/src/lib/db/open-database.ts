import type { Database } from './database';
import { openPostgres } from './open-postgres';
import { openSqlite } from './open-sqlite';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function openDatabase(url: string): Database {
  return isPostgresUrl(url) ? openPostgres(url) : openSqlite(url);
}
