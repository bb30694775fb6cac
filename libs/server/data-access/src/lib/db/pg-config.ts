import type pg from 'pg';

/**
 * How long a request may wait on PostgreSQL before it is answered 503 (README, Operations):
 * - CONNECT: opening a connection, or waiting for a free one in the pool;
 * - STATEMENT: one statement on the server (its `statement_timeout`), lock waits included;
 * - QUERY: one statement as this process sees it, for a server that stops answering at all
 *   (a network partition sends no error; TCP keep-alive alone would take minutes to notice).
 */
export const PG_TIMEOUTS = { connectMs: 5_000, statementMs: 10_000, queryMs: 15_000 } as const;

/** The application_name of this process's pooled connections (pg_stat_activity shows it). */
export const PG_APPLICATION_NAME = 'courier';

/** Connection settings every Courier connection to PostgreSQL shares. */
export function pgConnectionConfig(url: string, applicationName: string): pg.ClientConfig {
  return {
    connectionString: url,
    application_name: applicationName,
    connectionTimeoutMillis: PG_TIMEOUTS.connectMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}
