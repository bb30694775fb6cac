/**
 * The request never got an HTTP response (connection refused or reset, DNS failure...). The
 * original error is the `cause`. Retryable: the server may or may not have acted, which is why
 * retries reuse the same transaction id.
 */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`Network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'NetworkError';
  }
}

export type FetchFn = (input: Request) => Promise<Response>;

/**
 * Wraps a fetch so a rejection (no response) becomes a NetworkError, telling it apart from
 * errors thrown later (e.g. a malformed 2xx body). An abort by the caller's signal is rethrown
 * as is, so it is never retried.
 */
export function markNetworkErrors(fetchFn: FetchFn): FetchFn {
  return async (request) => {
    try {
      return await fetchFn(request);
    } catch (err) {
      if (request.signal.aborted) throw err;
      throw new NetworkError(err);
    }
  };
}
