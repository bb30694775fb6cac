import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type DbKind = 'sqlite' | 'postgres';

/** The PostgreSQL server tests use; each test file makes its own throw-away database on it. */
// eslint-disable-next-line no-restricted-syntax -- test harness: not server configuration
const ADMIN_URL = process.env['TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
// eslint-disable-next-line no-restricted-syntax -- CI decides whether a missing PostgreSQL is fatal
const IN_CI = process.env['CI'] === 'true' || process.env['CI'] === '1';

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

let probe: Promise<boolean> | undefined;

/**
 * Whether PostgreSQL tests run. In CI (CI=true) an unreachable PostgreSQL is an error, so a
 * broken service cannot turn the suite silently green; elsewhere the tests are skipped with a
 * visible notice.
 */
export async function postgresAvailable(): Promise<boolean> {
  probe ??= probePostgres().then((ok) => {
    if (!ok && IN_CI) throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL}, and CI=true requires it`);
    if (!ok) console.warn(`\n[courier] NOTICE: PostgreSQL not reachable at ${ADMIN_URL}: PostgreSQL tests are SKIPPED.\n`);
    return ok;
  });
  return probe;
}

/** The database kinds to run a suite on: SQLite always, PostgreSQL when reachable (or in CI). */
export async function dbKinds(): Promise<DbKind[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  kind: DbKind;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database of the given kind: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'courier-test-'));
    return { kind, url: `file:${join(dir, 'courier.sqlite')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `courier_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
