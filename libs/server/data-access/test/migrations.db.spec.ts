import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds, type TestDatabase } from '@courier/server-testing';
import { loadMigrations, migrate, migrationsPending } from '../src/lib/db/migrator';
import { openDatabase } from '../src/lib/db/open-database';
import type { Database } from '../src/lib/db/database';

describe.each(await dbKinds())('migrator on %s', (kind) => {
  let tdb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    db = openDatabase(tdb.url);
  });
  afterAll(async () => {
    await db.close();
    await tdb.drop();
  });

  it('applies every migration, in order, on an empty database', async () => {
    const all = loadMigrations(kind).map((m) => m.name);
    expect(all[0]).toBe('0001_init');
    const result = await migrate(db);
    expect(result.applied).toEqual(all);
    expect(await migrationsPending(db)).toEqual([]);
  });

  it('applies each migration only once', async () => {
    const result = await migrate(db);
    expect(result.applied).toEqual([]);
    expect(result.alreadyApplied).toEqual(loadMigrations(kind).map((m) => m.name));
  });

  it('refuses to run when an applied migration was edited', async () => {
    const edited = loadMigrations(kind).map((m, i) => (i === 0 ? { ...m, checksum: 'different' } : m));
    await expect(migrate(db, edited)).rejects.toThrow(/edited after it was applied/);
  });

  it('rolls back a failing migration completely, leaving it pending', async () => {
    const bad = { name: '9999_bad', sql: 'CREATE TABLE half_done (x INTEGER); SELECT * FROM no_such_table;', checksum: 'x' };
    await expect(migrate(db, [...loadMigrations(kind), bad])).rejects.toThrow();
    expect(await migrationsPending(db, [...loadMigrations(kind), bad])).toEqual(['9999_bad']);
    const probe = db.kind === 'sqlite'
      ? db.raw.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").all()
      : (await db.pool.query("SELECT to_regclass('half_done') AS t")).rows.filter((r) => r.t !== null);
    expect(probe).toEqual([]);
  });
});

describe('migration files', () => {
  it('exist under the same names for SQLite and PostgreSQL', () => {
    expect(loadMigrations('sqlite').map((m) => m.name)).toEqual(loadMigrations('postgres').map((m) => m.name));
  });
});
