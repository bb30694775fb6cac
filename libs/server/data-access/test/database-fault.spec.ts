import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { MatrixError, forbidden } from '@courier/shared-matrix-errors';
import { asClientFacingFault, databaseFaultOf, translateFaults } from '../src/lib/db/database-fault';
import { openPostgres } from '../src/lib/db/open-postgres';

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const address = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return typeof address === 'object' && address ? address.port : 1;
}

const caught = async (fn: () => unknown): Promise<unknown> => {
  try {
    await fn();
  } catch (err) {
    return err;
  }
  throw new Error('did not fail');
};

describe('which failures are database faults', () => {
  it.each([
    ['PostgreSQL admin_shutdown (restart, pg_terminate_backend)', { code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' }, 'unavailable'],
    ['PostgreSQL cannot_connect_now (starting up)', { code: '57P03', severity: 'FATAL', message: 'the database system is starting up' }, 'unavailable'],
    ['PostgreSQL connection exception class 08', { code: '08006', severity: 'FATAL', message: 'connection failure' }, 'unavailable'],
    ['PostgreSQL statement_timeout', { code: '57014', severity: 'ERROR', message: 'canceling statement due to statement timeout' }, 'unavailable'],
    ['PostgreSQL read-only transaction (a standby after failover)', { code: '25006', severity: 'ERROR', message: 'cannot execute INSERT in a read-only transaction' }, 'unavailable'],
    ['PostgreSQL disk_full', { code: '53100', severity: 'ERROR', message: 'could not extend file' }, 'storage-full'],
    ["node-postgres's lost connection", new Error('Connection terminated unexpectedly'), 'unavailable'],
    ["node-postgres's client-side timeout", new Error('Query read timeout'), 'unavailable'],
    ["pg-pool's connect timeout", new Error('timeout exceeded when trying to connect'), 'unavailable'],
    ['SQLite disk full', Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), 'storage-full'],
    ['SQLite I/O error on write', Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }), 'unavailable'],
    ['a WAL fsync on a full disk', Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }), 'storage-full'],
    ['a fault behind a cause', new Error('wrapped', { cause: { code: '57P01', severity: 'FATAL', message: 'x' } }), 'unavailable'],
    ['Prisma adapter error carrying a SQLSTATE', { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '57P01' } } } }, 'unavailable'],
    ['Prisma adapter error carrying SQLITE_FULL', { code: 'P2010', meta: { driverAdapterError: { cause: { kind: 'sqlite', originalCode: 'SQLITE_FULL' } } } }, 'storage-full'],
  ])('%s → %s', (_name, err, fault) => {
    expect(databaseFaultOf(err)).toBe(fault);
  });

  it.each([
    ['a unique violation', { code: '23505', severity: 'ERROR', message: 'duplicate key value' }],
    ['a syntax error (a bug, not an outage)', { code: '42601', severity: 'ERROR', message: 'syntax error' }],
    ['SQLite constraint', Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' })],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    ['a MatrixError', forbidden()],
  ])('%s is not a fault', (_name, err) => {
    expect(databaseFaultOf(err)).toBeUndefined();
  });

  it('real driver errors: pg and Prisma on a port where nothing listens, SQLite writing a read-only file', async () => {
    const port = await closedPort();
    const client = new pg.Client({ connectionString: `postgresql://postgres@127.0.0.1:${port}/x` });
    expect(databaseFaultOf(await caught(() => client.connect()))).toBe('unavailable');
    const db = openPostgres(`postgresql://postgres@127.0.0.1:${port}/x`);
    try {
      expect(databaseFaultOf(await caught(() => db.pool.query('SELECT 1')))).toBe('unavailable');
      expect(databaseFaultOf(await caught(() => db.prisma.user.findFirst()))).toBe('unavailable');
    } finally {
      await db.close();
    }
    const dir = mkdtempSync(join(tmpdir(), 'courier-fault-'));
    try {
      new BetterSqlite3(join(dir, 'f.sqlite')).exec('CREATE TABLE t (x)');
      const readOnly = new BetterSqlite3(join(dir, 'f.sqlite'), { readonly: true });
      expect(databaseFaultOf(await caught(() => readOnly.exec('INSERT INTO t VALUES (1)')))).toBe('unavailable');
      readOnly.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the store boundary (translateFaults)', () => {
  class Store {
    private readonly failure = { code: '57P01', severity: 'FATAL', message: 'terminating connection due to administrator command' };
    async unavailable(): Promise<string> {
      throw this.failure;
    }
    async bug(): Promise<string> {
      throw new Error('a bug');
    }
    full(): string {
      throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    }
    async fine(x: number): Promise<number> {
      return x + 1;
    }
  }
  const store = translateFaults(new Store());

  it('a database fault becomes 503 M_UNKNOWN with Retry-After, the driver error kept as its cause', async () => {
    const err = await caught(() => store.unavailable());
    expect(err).toBeInstanceOf(MatrixError);
    const m = err as MatrixError;
    expect([m.status, m.errcode, m.headers['retry-after']]).toEqual([503, 'M_UNKNOWN', '1']);
    expect(m.toBody()).toEqual({ errcode: 'M_UNKNOWN', error: 'The database is unavailable; try again shortly' });
    expect((m.cause as { code: string }).code).toBe('57P01');
  });

  it('a full disk becomes 507, thrown synchronously or not', async () => {
    const err = await caught(() => store.full());
    expect((err as MatrixError).status).toBe(507);
  });

  it('anything else passes through unchanged, and so do results', async () => {
    expect(await caught(() => store.bug())).toEqual(new Error('a bug'));
    expect(await store.fine(1)).toBe(2);
    expect(asClientFacingFault('x')).toBe('x');
  });
});
