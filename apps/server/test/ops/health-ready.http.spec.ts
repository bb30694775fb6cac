import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds } from '@courier/server-testing';
import { startTestApp, type TestApp } from '../support/test-app';

/** GET /health (liveness) and GET /ready (database answers, migrations done). */
describe.each(await dbKinds())('/health and /ready on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t.close());

  const ledger = async (sql: string, params: unknown[]) => {
    const db = t.data.db;
    if (db.kind === 'sqlite') db.raw.prepare(sql.replace(/\$\d/g, '?')).run(...params);
    else await db.pool.query(sql, params);
  };

  it('/health is 200 {status:"ok"} without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/health' });
    expect([res.statusCode, res.json()]).toEqual([200, { status: 'ok' }]);
  });

  it('/ready is 200 on a migrated database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ready' });
    expect([res.statusCode, res.json()]).toEqual([200, { status: 'ready' }]);
  });

  it('/ready is 503 M_UNKNOWN naming the migration while one is pending, 200 again after', async () => {
    await ledger('DELETE FROM _courier_migrations WHERE name = $1', ['0001_init']);
    try {
      const res = await t.app.inject({ method: 'GET', url: '/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ errcode: 'M_UNKNOWN', error: expect.stringContaining('0001_init') });
      expect((await t.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    } finally {
      await ledger('INSERT INTO _courier_migrations (name, checksum, applied_at) VALUES ($1, $2, $3)', ['0001_init', 'restored-by-test', 0]);
    }
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });
});

describe('/ready when the database is gone (SQLite)', () => {
  it('is 503 M_UNKNOWN while /health stays 200', async () => {
    const t = await startTestApp('sqlite');
    try {
      await t.data.db.close();
      const res = await t.app.inject({ method: 'GET', url: '/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ errcode: 'M_UNKNOWN', error: 'Database unreachable' });
      expect((await t.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
    } finally {
      await t.app.close();
      await t.database.drop();
    }
  });
});
