import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataAccess, type DataAccess } from '@courier/server-data-access';
import { createUser } from '@courier/server-domain';
import { loadConfig } from '@courier/server-util-config';
import { backupCommand, backupSqlite } from '../../src/cli/commands/backup';

/** `courier backup <file>`: SQLite's online backup of a database that is open and being written. */
describe('backup (SQLite)', () => {
  let dir: string;
  let data: DataAccess;
  const url = () => `file:${join(dir, 'live.sqlite')}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'courier-backup-'));
    data = await createDataAccess(url());
    for (let i = 0; i < 20; i++) await createUser(data.accounts, { localpart: `u${i}`, password: null, serverName: 'b.local', now: Date.now() });
  });
  afterAll(async () => {
    await data.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const usersIn = (file: string) => {
    const copy = new BetterSqlite3(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      return (copy.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    } finally {
      copy.close();
    }
  };

  it('copies a consistent database, committed WAL content included, while writes go on', async () => {
    const target = join(dir, 'copy.sqlite');
    const writing = createUser(data.accounts, { localpart: 'during', password: null, serverName: 'b.local', now: Date.now() });
    const { pages } = await backupSqlite(data.db as Extract<DataAccess['db'], { kind: 'sqlite' }>, target);
    await writing;
    expect(pages).toBeGreaterThan(0);
    expect([20, 21]).toContain(usersIn(target));
  });

  it('the CLI command refuses to overwrite, and says to use pg_dump on PostgreSQL', async () => {
    const config = loadConfig({ DATABASE_URL: url() });
    const target = join(dir, 'cli.sqlite');
    expect(await backupCommand(config, [target], 'usage')).toBe(0);
    expect(usersIn(target)).toBeGreaterThanOrEqual(20);
    expect(await backupCommand(config, [target], 'usage')).toBe(2);
    expect(await backupCommand(config, [], 'usage')).toBe(2);
    const pg = loadConfig({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    expect(await backupCommand(pg, [join(dir, 'pg.sqlite')], 'usage')).toBe(2);
    expect(existsSync(join(dir, 'pg.sqlite'))).toBe(false);
  });
});
