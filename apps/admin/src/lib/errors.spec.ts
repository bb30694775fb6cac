import { describe, expect, it } from 'vitest';
import { describeError, errorLine, isSessionError } from './errors';

describe('describeError', () => {
  it.each([
    [
      'a gateway error (TRPCClientError.data)',
      { message: 'User ID already taken.', data: { errcode: 'M_USER_IN_USE', httpStatus: 400, code: 'BAD_REQUEST' } },
      { errcode: 'M_USER_IN_USE', message: 'User ID already taken.', status: 400, hint: 'Pick another username.' },
    ],
    [
      'a gateway error carried in shape.data',
      { message: 'No such room', shape: { data: { errcode: 'M_NOT_FOUND', httpStatus: 404 } } },
      { errcode: 'M_NOT_FOUND', message: 'No such room', status: 404, hint: 'It may have been deleted, or the ID is mistyped.' },
    ],
    [
      'a rate limit with retry_after_ms',
      { message: 'Too many requests', data: { errcode: 'M_LIMIT_EXCEEDED', httpStatus: 429, retry_after_ms: 2300 } },
      { errcode: 'M_LIMIT_EXCEEDED', message: 'Too many requests', status: 429, hint: 'Too many requests. Retry in 3 s.' },
    ],
    [
      'a Matrix REST body from the login call',
      { errcode: 'M_FORBIDDEN', error: 'Invalid username or password', status: 403 },
      { errcode: 'M_FORBIDDEN', message: 'Invalid username or password', status: 403, hint: 'This account may not do that: the gateway needs a server admin.' },
    ],
    [
      'a fetch failure',
      new TypeError('Failed to fetch'),
      { errcode: 'NETWORK', message: 'Could not reach the server', status: null, hint: 'Check that the server is running and reachable.' },
    ],
    ['a plain Error', new Error('boom'), { errcode: 'M_UNKNOWN', message: 'boom', status: null, hint: null }],
    ['a string', 'nope', { errcode: 'M_UNKNOWN', message: 'nope', status: null, hint: null }],
    ['nothing at all', undefined, { errcode: 'M_UNKNOWN', message: 'Something went wrong', status: null, hint: null }],
  ])('reads %s', (_what, err, expected) => {
    expect(describeError(err)).toEqual(expected);
  });

  it('falls back to the errcode when the message is empty', () => {
    expect(describeError({ message: '', data: { errcode: 'M_UNKNOWN', httpStatus: 500 } }).message).toBe('M_UNKNOWN');
  });
});

describe('errorLine and isSessionError', () => {
  it('puts the errcode and status after the message', () => {
    expect(errorLine({ errcode: 'M_FORBIDDEN', message: 'No', status: 403, hint: null })).toBe('No (M_FORBIDDEN, 403)');
    expect(errorLine({ errcode: 'NETWORK', message: 'Down', status: null, hint: null })).toBe('Down (NETWORK)');
  });

  it('knows which errors mean signing in again', () => {
    expect(isSessionError(describeError({ message: 'x', data: { errcode: 'M_UNKNOWN_TOKEN', httpStatus: 401 } }))).toBe(true);
    expect(isSessionError(describeError({ message: 'x', data: { errcode: 'M_MISSING_TOKEN', httpStatus: 401 } }))).toBe(true);
    expect(isSessionError(describeError({ message: 'x', data: { errcode: 'M_FORBIDDEN', httpStatus: 403 } }))).toBe(false);
  });
});
