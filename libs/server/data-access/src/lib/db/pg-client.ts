import type { Pool, PoolClient } from 'pg';
import { databaseFaultOf } from './database-fault';

/**
 * Runs `use` on a client checked out of the pool, and gives it back.
 *
 * While checked out, a pg client has no 'error' listener of the pool's: if its connection dies
 * (the server restarts, pg_terminate_backend) between two statements, or even during one (the
 * query fails, then the socket's end is emitted as an 'error' event), an unhandled 'error' event
 * would end the process. So one is attached for as long as the client is held.
 * A client whose connection failed (an 'error' event, a database fault from a query, or a
 * statement `discard` was asked for) goes back with the error, so the pool closes it instead of
 * handing a broken or mid-transaction connection to the next caller.
 */
export async function withPoolClient<T>(pool: Pool, use: (client: PoolClient, discard: (why: unknown) => void) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const discard = (why: unknown) => {
    broken ??= why instanceof Error ? why : new Error(String(why));
  };
  client.on('error', discard);
  try {
    return await use(client, discard);
  } catch (err) {
    if (databaseFaultOf(err)) discard(err);
    throw err;
  } finally {
    client.removeListener('error', discard);
    client.release(broken);
  }
}

/**
 * ROLLBACK after a failed transaction. If even that fails, the connection's state is unknown
 * (maybe still inside the transaction): it must not be reused.
 */
export async function rollback(client: PoolClient, discard: (why: unknown) => void): Promise<void> {
  await client.query('ROLLBACK').catch(discard);
}
