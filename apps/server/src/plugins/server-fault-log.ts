import type { FastifyBaseLogger } from 'fastify';
import { MatrixError } from '@courier/shared-matrix-errors';

/**
 * Logs the server faults a client is told to retry (a 503 while the database is away, a 507 on
 * a full disk) with their cause, which no response shows. During an outage every request meets
 * the same fault, so at most one line a second is written, counting the ones left out: a
 * database restart under load must not turn into thousands of identical stack traces.
 */
export function createServerFaultLog(intervalMs = 1_000, now: () => number = Date.now) {
  let lastAt = Number.NEGATIVE_INFINITY;
  let skipped = 0;
  return (log: FastifyBaseLogger, err: MatrixError, context: Record<string, unknown> = {}): void => {
    if (now() - lastAt < intervalMs) {
      skipped++;
      return;
    }
    log.warn({ ...context, err: err.cause ?? err, status: err.status, similarSinceLast: skipped }, err.message);
    lastAt = now();
    skipped = 0;
  };
}

/** A MatrixError for a server fault (5xx): retryable for the client, worth a log line for the operator. */
export function isServerFault(err: unknown): err is MatrixError {
  return err instanceof MatrixError && err.status >= 500;
}
