import { describe, expect, it } from 'vitest';
import { MatrixError, limitExceeded } from '@courier/shared-matrix-errors';
import { encodePathSegment } from './encode-path';
import { NetworkError } from './network-error';
import { backoffDelay, parseRetryAfter, retryDelayFor } from './retry';

const opts = { retries: 5, minDelayMs: 100, maxDelayMs: 1000 };

describe('backoffDelay', () => {
  it.each([
    [0, 50, 100],
    [1, 100, 200],
    [3, 400, 800],
    [4, 500, 1000],
    [9, 500, 1000],
  ])('retry %i waits between %i and %i ms', (retry, lo, hi) => {
    expect(backoffDelay(retry, opts, () => 0)).toBe(lo);
    expect(backoffDelay(retry, opts, () => 1)).toBe(hi);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('retryDelayFor', () => {
  const err = (status: number) => new MatrixError('M_UNKNOWN', 'x', { status });

  it('retries 5xx and network errors, not other 4xx or unknown errors', () => {
    expect(retryDelayFor(err(500), 0, opts)).toBeGreaterThan(0);
    expect(retryDelayFor(new NetworkError(new Error('reset')), 0, opts)).toBeGreaterThan(0);
    for (const status of [400, 401, 403, 404, 409, 413]) expect(retryDelayFor(err(status), 0, opts)).toBeUndefined();
    expect(retryDelayFor(new SyntaxError('bad json'), 0, opts)).toBeUndefined();
  });

  it('honours retry_after_ms, then Retry-After, on 429', () => {
    expect(retryDelayFor(limitExceeded(1234), 0, opts)).toBe(1234);
    const headerOnly = new MatrixError('M_LIMIT_EXCEEDED', 'x', { headers: { 'retry-after': '3' } });
    expect(retryDelayFor(headerOnly, 0, opts)).toBe(3000);
  });

  it('honours Retry-After on 503 (the database is away) and backs off without it', () => {
    const unavailable = (headers: Record<string, string>) => new MatrixError('M_UNKNOWN', 'x', { status: 503, headers });
    expect(retryDelayFor(unavailable({ 'retry-after': '2' }), 0, opts)).toBe(2000);
    const backoff = retryDelayFor(unavailable({}), 0, opts);
    expect(backoff).toBeGreaterThanOrEqual(opts.minDelayMs / 2);
    expect(backoff).toBeLessThanOrEqual(opts.minDelayMs);
    // Only 503 carries that meaning here; a 500's header is not read.
    const broken = new MatrixError('M_UNKNOWN', 'x', { status: 500, headers: { 'retry-after': '60' } });
    expect(retryDelayFor(broken, 0, opts)).toBeLessThanOrEqual(opts.minDelayMs);
  });

  it('stops after `retries` retries', () => {
    expect(retryDelayFor(err(500), 5, opts)).toBeUndefined();
  });
});

describe('encodePathSegment', () => {
  it('encodes reserved characters and refuses dot-segments', () => {
    expect(encodePathSegment('!a:b')).toBe('!a%3Ab');
    expect(encodePathSegment('a/b%c?d#e')).toBe('a%2Fb%25c%3Fd%23e');
    expect(encodePathSegment('a.b')).toBe('a.b');
    expect(() => encodePathSegment('..')).toThrow(TypeError);
    expect(() => encodePathSegment('.')).toThrow(TypeError);
  });
});
