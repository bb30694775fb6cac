import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MatrixError } from '@courier/shared-matrix-errors';
import { TxnConflictError, type RoomSnapshot } from '@courier/server-domain';
import { ownPostgresAvailable, startOwnPostgres, type OwnPostgres } from '@courier/server-testing';
import { createDataAccess, type DataAccess } from '../src/lib/create-data-access';
import { createRoom, message, postgresOf, txnOf } from './event-store.support';

/**
 * A database fault on any connection Courier holds must never end the process (issue: an
 * unhandled 'error' event of a pg Client did, on PostgreSQL restarts). The fault is driven into
 * each kind of connection deterministically with pg_terminate_backend on a PostgreSQL of our
 * own: idle in the pool, checked out inside a transaction between two statements, in the
 * middle of a query, and the LISTEN connection; then PostgreSQL is restarted under load. Each
 * time the call in flight fails with 503 (never a driver error), the process lives, and the next
 * call works. An uncaught exception fails the test (and vitest's run).
 */
describe.skipIf(!ownPostgresAvailable())('connection faults on every kind of PostgreSQL connection', { timeout: 60_000 }, () => {
  let server: OwnPostgres;
  let url: string;
  let setup: DataAccess;
  const roomId = '!faults:b.test';
  const opened: DataAccess[] = [];
  const uncaught: unknown[] = [];
  const onUncaught = (err: unknown) => uncaught.push(err);

  /** A Courier instance on the database, as a process would open it. */
  async function instance(reconnectDelayMs = 100): Promise<DataAccess> {
    const data = await createDataAccess(url, { notify: { reconnectDelayMs } });
    opened.push(data);
    return data;
  }
  const ours = `application_name = 'courier' AND datname = 'faults'`;
  /** Runs synchronously, so an append's decision can terminate its own backend mid-transaction. */
  const terminateNow = (where: string): number =>
    Number(
      execFileSync('psql', ['-h', '127.0.0.1', '-p', String(server.port), '-U', 'postgres', '-d', 'postgres', '-Atc',
        `SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE ${where}) t`]).toString().trim(),
    );
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 300; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const rejectionOf = async (p: Promise<unknown>) => p.then(() => undefined, (err: unknown) => err);
  const expect503 = (err: unknown) => {
    expect(err).toBeInstanceOf(MatrixError);
    expect((err as MatrixError).status).toBe(503);
  };
  const eventsWithTxn = async (txnId: string) => setup.db.prisma.clientTxn.count({ where: { txn_id: txnId } });

  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    server = await startOwnPostgres();
    url = await server.createDatabase('faults');
    setup = await createDataAccess(url);
    await createRoom(setup.events, roomId);
  });
  afterEach(() => {
    expect(uncaught).toEqual([]);
  });
  afterAll(async () => {
    for (const d of opened) await d.close().catch(() => undefined);
    await setup?.close().catch(() => undefined);
    await server?.destroy();
    process.removeListener('uncaughtException', onUncaught);
  });

  it('idle in the pool: the terminated connections are dropped, and the next calls get new ones', async () => {
    const a = await instance();
    const pool = postgresOf(a).pool;
    await Promise.all(Array.from({ length: 4 }, () => pool.query('SELECT pg_sleep(0.05)')));
    expect(await server.terminate(`${ours} AND state = 'idle'`)).toBeGreaterThanOrEqual(2);
    await until('the pool to drop them', async () => pool.idleCount === 0);
    expect(await a.events.findTxn(txnOf(roomId, 'none'))).toBeUndefined();
    expect(await a.accounts.getUser('@nobody:b.test')).toBeUndefined();
    await a.events.append(roomId, message('after idle faults', 'idle-1'));
    expect(await eventsWithTxn('idle-1')).toBe(1);
  });

  it('checked out inside a transaction, between two statements: 503, and the retry commits exactly one', async () => {
    // A fresh instance writes the room on its careful path: BEGIN, lock, decide, write, COMMIT.
    const a = await instance();
    let terminated = 0;
    const decide = (s: RoomSnapshot) => {
      terminated += terminateNow(`${ours} AND state = 'idle in transaction'`);
      return message('between statements', 'between-1')(s);
    };
    expect503(await rejectionOf(a.events.append(roomId, decide)));
    expect(terminated).toBe(1);
    expect(await eventsWithTxn('between-1')).toBe(0);
    await a.events.append(roomId, message('between statements', 'between-1'));
    expect(await eventsWithTxn('between-1')).toBe(1);
  });

  it('in the middle of a query (waiting on a room lock): 503, and the retry commits exactly one', async () => {
    const a = await instance();
    await a.events.append(roomId, message('warm', 'mid-warm')); // the next append takes the fast path
    const locker = new pg.Client({ connectionString: url, application_name: 'test-locker' });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('SELECT 1 FROM rooms WHERE room_id = $1 FOR UPDATE', [roomId]);
      const appending = rejectionOf(a.events.append(roomId, message('mid query', 'mid-1')));
      await until('the append to wait on the lock', async () => (await server.backends(`${ours} AND wait_event_type = 'Lock'`)).length === 1);
      expect(await server.terminate(`${ours} AND wait_event_type = 'Lock'`)).toBe(1);
      expect503(await appending);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    expect(await eventsWithTxn('mid-1')).toBe(0);
    await a.events.append(roomId, message('mid query', 'mid-1'));
    expect(await eventsWithTxn('mid-1')).toBe(1);
  });

  it('the LISTEN connection: it listens again and wakes every waiter, so a change made meanwhile is not missed', async () => {
    const b = await instance();
    const before = new Set((await server.backends(`application_name = 'courier-listen'`)).map((r) => r.pid));
    const a = await instance(1_500);
    const [listenerOfA] = (await server.backends(`application_name = 'courier-listen'`)).filter((r) => !before.has(r.pid));
    expect(listenerOfA).toBeDefined();
    const woken = a.notifier.wait({ rooms: new Set([roomId]) }, 60_000);
    expect(await server.terminate(`pid = ${listenerOfA?.pid}`)).toBe(1);
    await until('A to stop listening', async () => (await server.backends(`pid = ${listenerOfA?.pid}`)).length === 0);
    // B commits while nobody on A listens: its NOTIFY reaches no one on A.
    await b.events.append(roomId, message('while A is deaf', 'deaf-1'));
    expect(await woken).toBe(true);
    await until('A to listen again', async () => (await server.backends(`application_name = 'courier-listen'`)).length === before.size + 1);
  });

  it('a PostgreSQL restart under load: calls fail with 503 at worst, then everything works, LISTEN included', async () => {
    const a = await instance();
    const b = await instance();
    let stop = false;
    const failures: unknown[] = [];
    let acked = 0;
    const load = (async () => {
      for (let i = 0; !stop; i++) {
        try {
          await a.events.append(roomId, message(`load ${i}`, `load-${i}`));
          acked++;
        } catch (err) {
          if (err instanceof TxnConflictError) continue;
          failures.push(err);
          await new Promise((r) => setTimeout(r, 20));
        }
      }
    })();
    await until('some load', async () => acked > 5);
    // Down for longer than the LISTEN retry delay: several reconnect attempts fail first.
    await server.stop('fast');
    await new Promise((r) => setTimeout(r, 1_000));
    await server.start();
    const ackedBefore = acked;
    await until('sends to succeed again', async () => acked > ackedBefore + 5);
    stop = true;
    await load;
    expect(failures.length).toBeGreaterThan(0);
    for (const err of failures) expect503(err);

    await until('both to listen again', async () => (await server.backends(`application_name = 'courier-listen'`)).length >= 2);
    const woken = b.notifier.wait({ rooms: new Set([roomId]) }, 60_000);
    await a.events.append(roomId, message('after restart', 'after-restart'));
    expect(await woken).toBe(true);
  });
});
