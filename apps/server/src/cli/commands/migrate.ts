import { migrate, openDatabase } from '@courier/server-data-access';
import type { Config } from '@courier/server-util-config';

export const MIGRATE_USAGE = `  migrate                                        apply pending database migrations and exit`;

/** `migrate`: applies what is pending and says what it did; the server does the same at start. */
export async function migrateCommand(config: Config): Promise<number> {
  const db = openDatabase(config.DATABASE_URL);
  try {
    const result = await migrate(db);
    console.log(result.applied.length ? `applied: ${result.applied.join(', ')}` : 'database is up to date');
    return 0;
  } finally {
    await db.close();
  }
}
