import { loadMigrations, migrationsPending, type Database, type Migration } from '@courier/server-data-access';

const CHECK_TIMEOUT_MS = 2_000;

/**
 * Why the database cannot serve requests, or undefined when it can: it answers `SELECT 1`
 * and every migration this build knows is applied. Bounded in time: a pool waiting on an
 * unreachable PostgreSQL must make /ready fail, not hang.
 */
export function createDatabaseReadiness(db: Database): () => Promise<string | undefined> {
  // Read once: the migrations on disk are those of this build and do not change while it runs.
  const migrations: Migration[] = loadMigrations(db.kind);
  const check = async (): Promise<string | undefined> => {
    // After a failed WAL fsync nothing more can be acknowledged until a restart (WalSync).
    if (db.kind === 'sqlite' && db.eventWriter.failure() !== undefined) return 'Database writes failed to reach the disk: restart the server';
    if (db.kind === 'sqlite') db.raw.prepare('SELECT 1').get();
    else await db.pool.query('SELECT 1');
    const pending = await migrationsPending(db, migrations);
    return pending.length > 0 ? `Database migrations pending: ${pending.join(', ')}` : undefined;
  };
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve('Database did not answer in time'), CHECK_TIMEOUT_MS);
    });
    try {
      return await Promise.race([check().catch(() => 'Database unreachable'), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
