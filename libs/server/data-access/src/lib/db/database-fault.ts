import { MatrixError, databaseUnavailable, storageFull } from '@courier/shared-matrix-errors';

/**
 * What a failed database call means for the request that made it:
 * - `unavailable`: the database cannot be reached or cannot serve now (restarting, failing
 *   over, refusing connections, out of connections, a timeout, a read-only file or filesystem,
 *   an I/O error). Nothing the client did; the same request will work once it is back.
 * - `storage-full`: the disk is full; writes fail until an operator frees space.
 * Anything else (a bug, a constraint the code should have handled) is not a fault: it stays a
 * 500 and is logged.
 */
export type DatabaseFault = 'unavailable' | 'storage-full';

/**
 * PostgreSQL SQLSTATEs (Appendix A) that say "the server cannot serve this now", not "this
 * statement is wrong": class 08 (connection exception) is matched by prefix.
 */
const PG_UNAVAILABLE = new Set([
  '57P01', // admin_shutdown: pg_ctl stop/restart -m fast, pg_terminate_backend
  '57P02', // crash_shutdown: another backend crashed, the server is resetting
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '57P05', // idle_session_timeout
  '57014', // query_canceled: our statement_timeout
  '53000', // insufficient_resources
  '53200', // out_of_memory
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '25006', // read_only_sql_transaction: connected to a standby (after a failover)
  '25P03', // idle_in_transaction_session_timeout
  '58000', // system_error
  '58030', // io_error
]);
const PG_STORAGE_FULL = '53100'; // disk_full

/** Node's socket and file-system errors behind a lost connection or a failed write. */
const SYSTEM_UNAVAILABLE = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EROFS', 'EIO', 'EACCES', 'EPERM',
]);
const SYSTEM_STORAGE_FULL = new Set(['ENOSPC', 'EDQUOT']);

/**
 * node-postgres reports a lost or unusable connection with a plain Error and no code; these are
 * its messages (pg 8 and pg-pool 3), matched by prefix.
 */
const PG_CONNECTION_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Query read timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
];

/** Prisma's own codes for the same situations (P1xxx: connection; P2024/P2037: pool and connection limits). */
const PRISMA_UNAVAILABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2037']);
/** Prisma's driver-adapter error kinds that mean the connection, not the query, failed. */
const ADAPTER_UNAVAILABLE = new Set(['DatabaseNotReachable', 'SocketTimeout', 'ConnectionClosed', 'TooManyConnections', 'TlsConnectionError']);

type Shape = {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } };
};

function faultOfCode(code: string): DatabaseFault | undefined {
  if (code === PG_STORAGE_FULL || code === 'SQLITE_FULL' || SYSTEM_STORAGE_FULL.has(code)) return 'storage-full';
  if (PG_UNAVAILABLE.has(code) || /^08[0-9A-Z]{3}$/.test(code) || SYSTEM_UNAVAILABLE.has(code) || PRISMA_UNAVAILABLE.has(code)) return 'unavailable';
  // SQLite: a read-only file or filesystem, an I/O error, a file it cannot open, a lock held
  // past our retries, out of memory. Extended codes (SQLITE_IOERR_WRITE …) share the prefix.
  if (/^SQLITE_(READONLY|IOERR|CANTOPEN|BUSY|LOCKED|NOMEM|PROTOCOL)/.test(code)) return 'unavailable';
  return undefined;
}

/** The fault behind `err`, looking through causes, Prisma's adapter errors and AggregateErrors. */
export function databaseFaultOf(err: unknown, depth = 0): DatabaseFault | undefined {
  if (err === null || typeof err !== 'object' || depth > 5) return undefined;
  if (err instanceof MatrixError) return undefined;
  const e = err as Shape;
  if (typeof e.code === 'string') {
    const fault = faultOfCode(e.code);
    if (fault) return fault;
  }
  const adapter = e.meta?.driverAdapterError?.cause;
  if (adapter) {
    if (typeof adapter.kind === 'string' && ADAPTER_UNAVAILABLE.has(adapter.kind)) return 'unavailable';
    for (const code of [adapter.originalCode, adapter.code]) {
      const fault = typeof code === 'string' ? faultOfCode(code) : undefined;
      if (fault) return fault;
    }
  }
  if (typeof e.message === 'string' && e.code === undefined && PG_CONNECTION_MESSAGES.some((m) => (e.message as string).startsWith(m))) {
    return 'unavailable';
  }
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const fault = databaseFaultOf(inner, depth + 1);
      if (fault) return fault;
    }
  }
  return databaseFaultOf(e.cause, depth + 1);
}

/** The Matrix answer to a database fault (503 or 507, with Retry-After), or `err` itself when it is none. */
export function asClientFacingFault(err: unknown): unknown {
  const fault = databaseFaultOf(err);
  if (fault === 'storage-full') return storageFull(err);
  if (fault === 'unavailable') return databaseUnavailable(err);
  return err;
}

/**
 * The boundary between the stores and the use cases: every method of `store` that fails with
 * a database fault fails instead with the Matrix error for it (asClientFacingFault), so REST
 * and tRPC answer 503/507 with Retry-After through their ordinary MatrixError handling, and no
 * use case needs to know a driver's error codes. Other failures pass through unchanged.
 */
export function translateFaults<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return function (this: unknown, ...args: unknown[]) {
        let result: unknown;
        try {
          result = (value as (...a: unknown[]) => unknown).apply(this === receiver ? target : this, args);
        } catch (err) {
          throw asClientFacingFault(err);
        }
        if (result instanceof Promise) {
          return result.catch((err: unknown) => {
            throw asClientFacingFault(err);
          });
        }
        return result;
      };
    },
  });
}
