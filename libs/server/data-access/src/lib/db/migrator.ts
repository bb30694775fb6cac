import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from './database';
import { pgConnectionConfig } from './pg-config';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE = /^\d{4}_[a-z0-9_]+\.sql$/;
/** Any constant: instances that boot together queue on it instead of migrating twice. */
const PG_MIGRATION_LOCK = 72_616_163;

export const defaultMigrationsRoot = fileURLToPath(new URL('../../../../../../prisma/migrations', import.meta.url));

export function loadMigrations(kind: Database['kind'], root = defaultMigrationsRoot): Migration[] {
  const dir = join(root, kind);
  return readdirSync(dir)
    .filter((f) => MIGRATION_FILE.test(f))
    .sort()
    .map((f) => {
      const sql = readFileSync(join(dir, f), 'utf8');
      return { name: f.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

const LEDGER_DDL =
  'CREATE TABLE IF NOT EXISTS "_courier_migrations" ("name" TEXT NOT NULL PRIMARY KEY, "checksum" TEXT NOT NULL, "applied_at" BIGINT NOT NULL)';

function assertUnchanged(m: Migration, recorded: string | undefined): boolean {
  if (recorded === undefined) return false;
  if (recorded !== m.checksum) {
    throw new Error(`Migration ${m.name} was edited after it was applied; add a new migration instead.`);
  }
  return true;
}

/** Applies, in order, each migration not applied yet: each inside its own transaction, once. */
export async function migrate(db: Database, migrations = loadMigrations(db.kind)): Promise<MigrateResult> {
  return db.kind === 'sqlite' ? migrateSqlite(db, migrations) : migratePostgres(db, migrations);
}

function migrateSqlite(db: Extract<Database, { kind: 'sqlite' }>, migrations: Migration[]): MigrateResult {
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  db.raw.exec(LEDGER_DDL);
  const recordedOf = db.raw.prepare<[string], { checksum: string }>('SELECT checksum FROM _courier_migrations WHERE name = ?');
  const record = db.raw.prepare('INSERT INTO _courier_migrations (name, checksum, applied_at) VALUES (?, ?, ?)');
  for (const m of migrations) {
    const applyOne = db.raw.transaction(() => {
      if (assertUnchanged(m, recordedOf.get(m.name)?.checksum)) return false;
      db.raw.exec(m.sql);
      record.run(m.name, m.checksum, Date.now());
      return true;
    });
    // IMMEDIATE takes the write lock first, so two processes cannot both decide to apply.
    (applyOne.immediate() ? result.applied : result.alreadyApplied).push(m.name);
  }
  return result;
}

/**
 * On a connection of its own, not the pool's: a migration (an index on a big table) and the wait
 * for another instance's lock may both take far longer than the pool's statement timeout.
 */
async function migratePostgres(db: Extract<Database, { kind: 'postgres' }>, migrations: Migration[]): Promise<MigrateResult> {
  const result: MigrateResult = { applied: [], alreadyApplied: [] };
  const client = new pg.Client(pgConnectionConfig(db.url, 'courier-migrate'));
  // A lost connection fails the query in flight, which fails the migration; its 'error' event
  // must not also end the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PG_MIGRATION_LOCK]);
    await client.query(LEDGER_DDL);
    for (const m of migrations) {
      await client.query('BEGIN');
      try {
        const { rows } = await client.query<{ checksum: string }>('SELECT checksum FROM _courier_migrations WHERE name = $1', [m.name]);
        if (assertUnchanged(m, rows[0]?.checksum)) {
          await client.query('ROLLBACK');
          result.alreadyApplied.push(m.name);
          continue;
        }
        await client.query(m.sql);
        await client.query('INSERT INTO _courier_migrations (name, checksum, applied_at) VALUES ($1, $2, $3)', [m.name, m.checksum, Date.now()]);
        await client.query('COMMIT');
        result.applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    }
  } finally {
    // Ending the session releases the advisory lock too, whatever state it is in.
    await client.end().catch(() => undefined);
  }
  return result;
}

/** True when every known migration is recorded (for /ready). */
export async function migrationsPending(db: Database, migrations = loadMigrations(db.kind)): Promise<string[]> {
  let names: string[];
  if (db.kind === 'sqlite') {
    names = db.raw.prepare<[], { name: string }>('SELECT name FROM _courier_migrations').all().map((r) => r.name);
  } else {
    names = (await db.pool.query<{ name: string }>('SELECT name FROM _courier_migrations')).rows.map((r) => r.name);
  }
  const done = new Set(names);
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
}
