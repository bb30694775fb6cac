import { MatrixError } from '@courier/shared-matrix-errors';
import { NetworkError } from './network-error';

export type RetryOptions = {
  /** Retries after the first attempt; 0 disables retrying. */
  retries: number;
  /** Backoff before the first retry (before jitter); doubles per retry. */
  minDelayMs: number;
  /** Cap on the backoff (a server's 429 hint is honoured even when longer). */
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryOptions = { retries: 3, minDelayMs: 500, maxDelayMs: 10_000 };

/** Exponential backoff with "equal jitter": half fixed, half random, so retries never bunch. */
export function backoffDelay(retry: number, opts: RetryOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(opts.maxDelayMs, opts.minDelayMs * 2 ** retry);
  return ceiling / 2 + random() * (ceiling / 2);
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when unusable. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * How long to wait before retry number `retry` (0-based) after `err`, or undefined when `err` is
 * final: 429 (waiting `retry_after_ms`, else `Retry-After`, else backoff), 503 (waiting its
 * `Retry-After`, else backoff), other 5xx and network errors (backoff) are retried; every other
 * error, 4xx included, is not.
 */
export function retryDelayFor(err: unknown, retry: number, opts: RetryOptions): number | undefined {
  if (retry >= opts.retries) return undefined;
  if (err instanceof NetworkError) return backoffDelay(retry, opts);
  if (!(err instanceof MatrixError)) return undefined;
  if (err.status === 429) {
    const hint = err.extra.retry_after_ms;
    if (typeof hint === 'number' && Number.isFinite(hint) && hint >= 0) return hint;
    return parseRetryAfter(err.headers['retry-after']) ?? backoffDelay(retry, opts);
  }
  if (err.status < 500) return undefined;
  // A 503 with Retry-After (Courier while its database is away) says when to come back; waiting
  // less only adds load to a server that is recovering.
  const after = err.status === 503 ? parseRetryAfter(err.headers['retry-after']) : undefined;
  return after ?? backoffDelay(retry, opts);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Runs `attempt` until it succeeds or fails for good. The caller makes `attempt` idempotent
 * (for sends: the same txnId every time); this only decides whether and when to call it again.
 */
export async function withRetry<T>(attempt: () => Promise<T>, opts: RetryOptions, signal?: AbortSignal): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (err) {
      const delay = retryDelayFor(err, retry, opts);
      if (delay === undefined) throw err;
      await sleep(delay, signal);
    }
  }
}
