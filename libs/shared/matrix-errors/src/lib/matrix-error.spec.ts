import { describe, expect, it } from 'vitest';
import { ERRCODE_STATUS, MatrixError, databaseUnavailable, limitExceeded, storageFull, unknownToken } from '../index';

describe('MatrixError', () => {
  it.each(Object.entries(ERRCODE_STATUS))('%s defaults to HTTP %i', (errcode, status) => {
    const err = new MatrixError(errcode as keyof typeof ERRCODE_STATUS, 'x');
    expect(err.status).toBe(status);
    expect(err.toBody()).toEqual({ errcode, error: 'x' });
  });

  it('keeps extra fields but never lets them overwrite errcode or error', () => {
    const err = new MatrixError('M_FORBIDDEN', 'no', { extra: { errcode: 'M_EVIL', error: 'x', a: 1 } });
    expect(err.toBody()).toEqual({ errcode: 'M_FORBIDDEN', error: 'no', a: 1 });
  });

  it('unknown token carries soft_logout false by default', () => {
    expect(unknownToken().toBody()).toEqual({
      errcode: 'M_UNKNOWN_TOKEN',
      error: 'Unrecognised access token',
      soft_logout: false,
    });
  });

  it('429 carries retry_after_ms and a Retry-After header in whole seconds, rounded up', () => {
    const err = limitExceeded(1001);
    expect(err.status).toBe(429);
    expect(err.toBody().retry_after_ms).toBe(1001);
    expect(err.headers['retry-after']).toBe('2');
    expect(limitExceeded(10).headers['retry-after']).toBe('1');
  });

  it('instanceof holds across copies of the class, as each client package bundles its own', async () => {
    // A second instance of the module, as a second bundle would carry it.
    const secondCopy = './matrix-error?second-copy';
    const copy = (await import(/* @vite-ignore */ secondCopy)) as { MatrixError: typeof MatrixError };
    expect(copy.MatrixError).not.toBe(MatrixError);
    expect(new copy.MatrixError('M_FORBIDDEN', 'no')).toBeInstanceOf(MatrixError);
    expect(new MatrixError('M_FORBIDDEN', 'no')).toBeInstanceOf(copy.MatrixError);
    expect(new Error('plain')).not.toBeInstanceOf(MatrixError);
    expect({ errcode: 'M_FORBIDDEN' }).not.toBeInstanceOf(MatrixError);
  });

  it('a subclass still checks its own prototype', () => {
    class Special extends MatrixError {}
    expect(new Special('M_FORBIDDEN', 'x')).toBeInstanceOf(MatrixError);
    expect(new MatrixError('M_FORBIDDEN', 'x')).not.toBeInstanceOf(Special);
  });

  it('database unavailable is 503 M_UNKNOWN with Retry-After; its cause stays out of the body', () => {
    const cause = new Error('terminating connection due to administrator command');
    const err = databaseUnavailable(cause);
    expect([err.status, err.errcode, err.headers['retry-after'], err.cause]).toEqual([503, 'M_UNKNOWN', '1', cause]);
    expect(err.toBody()).toEqual({ errcode: 'M_UNKNOWN', error: 'The database is unavailable; try again shortly' });
  });

  it('storage full is 507 M_UNKNOWN with Retry-After', () => {
    const err = storageFull();
    expect([err.status, err.errcode, err.headers['retry-after']]).toEqual([507, 'M_UNKNOWN', '1']);
  });
});
