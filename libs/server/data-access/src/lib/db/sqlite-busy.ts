import { setTimeout as sleep } from 'node:timers/promises';

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT' || code === 'SQLITE_LOCKED';
}

/**
 * Runs a synchronous SQLite write, retrying on SQLITE_BUSY without blocking the event loop
 * (another connection's transaction may need the loop to finish). Gives up after `deadlineMs`.
 */
export async function withSqliteBusyRetry<T>(fn: () => T, deadlineMs = 10_000): Promise<T> {
  const start = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return fn();
    } catch (err) {
      if (!isBusy(err) || Date.now() - start > deadlineMs) throw err;
      await sleep(Math.min(50, 1 + attempt * 2));
    }
  }
}
