import { describe, expect, it } from 'vitest';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { MatrixError, limitExceeded } from '@courier/shared-matrix-errors';
import { describeError, toTRPCError, trpcCodeForStatus } from './errors';

describe('the MatrixError → tRPC mapping', () => {
  it.each([
    [400, 'BAD_REQUEST'],
    [401, 'UNAUTHORIZED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [405, 'METHOD_NOT_SUPPORTED'],
    [409, 'CONFLICT'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [429, 'TOO_MANY_REQUESTS'],
    [418, 'BAD_REQUEST'],
    [500, 'INTERNAL_SERVER_ERROR'],
    [503, 'SERVICE_UNAVAILABLE'],
    [507, 'INTERNAL_SERVER_ERROR'],
  ])('HTTP %i → %s', (status, code) => {
    expect(trpcCodeForStatus(status)).toBe(code);
  });

  it('keeps errcode, status, message and Matrix extras', () => {
    const info = describeError(toTRPCError(limitExceeded(2500)), 'mutation');
    expect(info).toEqual({ code: 'TOO_MANY_REQUESTS', httpStatus: 429, errcode: 'M_LIMIT_EXCEEDED', message: 'Too many requests', extra: { retry_after_ms: 2500 } });
  });

  it('maps a MatrixError that tRPC wrapped as INTERNAL_SERVER_ERROR (thrown mid-subscription)', () => {
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new MatrixError('M_NOT_FOUND', 'gone') });
    expect(describeError(wrapped, 'subscription')).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404, errcode: 'M_NOT_FOUND', message: 'gone' });
  });

  it('a schema failure is M_BAD_JSON in a mutation and M_INVALID_PARAM in a query, naming the field', () => {
    const zodError = z.object({ roomId: z.string() }).safeParse({ roomId: 1 }).error;
    const err = new TRPCError({ code: 'BAD_REQUEST', cause: zodError });
    expect(describeError(err, 'mutation')).toMatchObject({ httpStatus: 400, errcode: 'M_BAD_JSON', message: expect.stringMatching(/^roomId: /) });
    expect(describeError(err, 'query')).toMatchObject({ httpStatus: 400, errcode: 'M_INVALID_PARAM' });
  });

  it.each([
    ['NOT_FOUND', 404, 'M_UNRECOGNIZED'],
    ['METHOD_NOT_SUPPORTED', 405, 'M_UNRECOGNIZED'],
    ['PAYLOAD_TOO_LARGE', 413, 'M_TOO_LARGE'],
  ] as const)("tRPC's own %s is %i %s", (code, httpStatus, errcode) => {
    expect(describeError(new TRPCError({ code }), 'query')).toMatchObject({ code, httpStatus, errcode });
  });

  it('a body that is not JSON is 400 M_NOT_JSON, as over REST', () => {
    const cause = (() => {
      try {
        JSON.parse('{"a":');
      } catch (e) {
        return e;
      }
    })();
    expect(describeError(new TRPCError({ code: 'BAD_REQUEST', cause }), 'mutation')).toMatchObject({ code: 'BAD_REQUEST', errcode: 'M_NOT_JSON' });
    expect(describeError(new TRPCError({ code: 'PARSE_ERROR' }), 'mutation')).toMatchObject({ code: 'BAD_REQUEST', httpStatus: 400, errcode: 'M_NOT_JSON' });
  });

  it('anything else is a 500 M_UNKNOWN that never repeats the cause’s text', () => {
    const err = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('connect ECONNREFUSED db.internal:5432') });
    expect(describeError(err, 'query')).toEqual({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, errcode: 'M_UNKNOWN', message: 'Internal server error', extra: {} });
  });
});
